<#ftl output_format="plainText">
${msg("inviteOnlyResetNoticeBody", realmName, requestedAt, requestIp, userAgent, cancelLink, firstName)}
