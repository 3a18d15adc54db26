<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("inviteOnlyResetRequestBodyHtml", link, realmName, requester, requesterEmail, requestedAt, requestIp, requestId, firstName, consoleLink))?no_esc}
<#if (approvalsRequired!1) gt 1>
<p>${msg("inviteOnlyResetTwoApprovers", approvalsRequired)}<#if (eligibleApprovers!0) lt approvalsRequired> <strong>${msg("inviteOnlyResetTooFewApprovers")}</strong></#if></p>
</#if>
</@layout.emailLayout>
