<#ftl output_format="plainText">
${msg("inviteOnlyResetRequestBody", link, realmName, requester, requesterEmail, requestedAt, requestIp, requestId, firstName, consoleLink)}

${msg("inviteOnlyResetSignalsTitle")}
<#if privileged>- ${msg("inviteOnlyResetSignalPrivileged", privilegedReasons)}<#else>- ${msg("inviteOnlyResetSignalNotPrivileged")}</#if>
<#if emailChangedAt?has_content>- ${msg("inviteOnlyResetSignalEmailChanged", emailChangedAt)}<#else>- ${msg("inviteOnlyResetSignalEmailUnchanged")}</#if>
- ${msg("inviteOnlyResetSignalIp_" + ipSeenAtLogin, requestIp)}
<#if secondFactors?has_content>- ${msg("inviteOnlyResetSignalSecondFactors", secondFactors)}<#else>- ${msg("inviteOnlyResetSignalNoSecondFactor")}</#if>
<#if accountCreatedAt?has_content>- ${msg("inviteOnlyResetSignalAccountCreated", accountCreatedAt)}</#if>
- ${msg("inviteOnlyResetSignalRequests", requestsLast30Days)}
<#if (approvalsRequired!1) gt 1>

${msg("inviteOnlyResetTwoApprovers", approvalsRequired)}<#if (eligibleApprovers!0) lt approvalsRequired> ${msg("inviteOnlyResetTooFewApprovers")}</#if>
</#if>
