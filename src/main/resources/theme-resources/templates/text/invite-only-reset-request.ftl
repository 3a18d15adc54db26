<#ftl output_format="plainText">
${msg("inviteOnlyResetRequestBody", link, realmName, requester, requesterEmail, requestedAt, requestIp, requestId, firstName, consoleLink)}
<#if (approvalsRequired!1) gt 1>

${msg("inviteOnlyResetTwoApprovers", approvalsRequired)}<#if (eligibleApprovers!0) lt approvalsRequired> ${msg("inviteOnlyResetTooFewApprovers")}</#if>
</#if>
