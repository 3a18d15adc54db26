<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("inviteOnlyResetRequestBodyHtml", link, realmName, requester, requesterEmail, requestedAt, requestIp, requestId, firstName, consoleLink))?no_esc}
<p><strong>${kcSanitize(msg("inviteOnlyResetSignalsTitle"))?no_esc}</strong></p>
<ul>
<#if privileged><li><strong>${kcSanitize(msg("inviteOnlyResetSignalPrivileged", privilegedReasons))?no_esc}</strong></li><#else><li>${kcSanitize(msg("inviteOnlyResetSignalNotPrivileged"))?no_esc}</li></#if>
<#if emailChangedAt?has_content><li><strong>${kcSanitize(msg("inviteOnlyResetSignalEmailChanged", emailChangedAt))?no_esc}</strong></li><#else><li>${kcSanitize(msg("inviteOnlyResetSignalEmailUnchanged"))?no_esc}</li></#if>
<li><#if ipSeenAtLogin == "no"><strong>${kcSanitize(msg("inviteOnlyResetSignalIp_no", requestIp))?no_esc}</strong><#else>${kcSanitize(msg("inviteOnlyResetSignalIp_" + ipSeenAtLogin, requestIp))?no_esc}</#if></li>
<#if secondFactors?has_content><li>${kcSanitize(msg("inviteOnlyResetSignalSecondFactors", secondFactors))?no_esc}</li><#else><li>${kcSanitize(msg("inviteOnlyResetSignalNoSecondFactor"))?no_esc}</li></#if>
<#if accountCreatedAt?has_content><li>${kcSanitize(msg("inviteOnlyResetSignalAccountCreated", accountCreatedAt))?no_esc}</li></#if>
<li>${kcSanitize(msg("inviteOnlyResetSignalRequests", requestsLast30Days))?no_esc}</li>
</ul>
<#if (approvalsRequired!1) gt 1>
<p>${msg("inviteOnlyResetTwoApprovers", approvalsRequired)}<#if (eligibleApprovers!0) lt approvalsRequired> <strong>${msg("inviteOnlyResetTooFewApprovers")}</strong></#if></p>
</#if>
</@layout.emailLayout>
