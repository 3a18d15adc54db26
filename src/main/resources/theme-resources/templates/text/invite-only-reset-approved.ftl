<#ftl output_format="plainText">
${msg("inviteOnlyResetApprovedBody", link, realmName, expiresAt, firstName)}
