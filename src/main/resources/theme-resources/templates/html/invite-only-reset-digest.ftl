<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("inviteOnlyResetDigestIntroHtml", firstName, count, realmName))?no_esc}
<ul>
<#list requests as request>
<li>${kcSanitize(msg("inviteOnlyResetDigestItemHtml", request.requester, request.requestedAt, request.requestIp, request.link, request.consoleLink, request.requestId))?no_esc}
<#if request.privileged><br><strong>${kcSanitize(msg("inviteOnlyResetSignalPrivileged", request.privilegedReasons))?no_esc}</strong> ${msg("inviteOnlyResetTwoApprovers", request.approvalsRequired)}</#if>
<#if request.emailChangedAt?has_content><br><strong>${kcSanitize(msg("inviteOnlyResetSignalEmailChanged", request.emailChangedAt))?no_esc}</strong></#if>
<#if request.ipSeenAtLogin == "no"><br><strong>${kcSanitize(msg("inviteOnlyResetSignalIp_no", request.requestIp))?no_esc}</strong></#if></li>
</#list>
</ul>
${kcSanitize(msg("inviteOnlyResetDigestOutroHtml"))?no_esc}
</@layout.emailLayout>
