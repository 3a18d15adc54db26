<#ftl output_format="plainText">
<#if replacesEarlier!false>${msg("inviteOnlyLinkReplacesEarlier")}

</#if>${msg("inviteOnlyResetApprovedBody", link, realmName, expiresAt, firstName)}<#if (validFrom!"")?has_content>

${msg("inviteOnlyResetApprovedCoolingOff", validFrom)}</#if>
