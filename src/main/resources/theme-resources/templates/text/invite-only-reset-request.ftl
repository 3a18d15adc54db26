<#ftl output_format="plainText">
${msg("inviteOnlyResetRequestBody", link, realmName, requester, requesterEmail, requestedAt, requestIp, requestId, firstName, consoleLink)}
