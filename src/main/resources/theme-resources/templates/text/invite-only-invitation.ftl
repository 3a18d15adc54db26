<#ftl output_format="plainText">
<#if replacesEarlier!false>${msg("inviteOnlyLinkReplacesEarlier")}

</#if>${msg("inviteOnlyInvitationBody", link, inviterName, realmName, expiresAt, firstName)}
