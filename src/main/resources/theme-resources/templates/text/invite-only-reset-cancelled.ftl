<#ftl output_format="plainText">
${msg("inviteOnlyResetCancelledBody", realmName, cancelledAt, firstName)}
