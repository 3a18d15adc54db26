<#ftl output_format="plainText">
${msg("inviteOnlyResetCompletedBody", realmName, completedAt, firstName)}
