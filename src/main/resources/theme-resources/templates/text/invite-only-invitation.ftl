<#ftl output_format="plainText">
${msg("inviteOnlyInvitationBody", link, inviterName, realmName, expiresAt, firstName)}
