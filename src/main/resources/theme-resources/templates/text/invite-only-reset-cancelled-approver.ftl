<#ftl output_format="plainText">
${msg("inviteOnlyResetCancelledApproverBody", realmName, requester, requestedAt, cancelledAt, requestId, firstName)}
