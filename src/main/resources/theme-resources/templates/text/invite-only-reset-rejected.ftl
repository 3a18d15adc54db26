<#ftl output_format="plainText">
${msg("inviteOnlyResetRejectedBody", realmName, reason, firstName)}
