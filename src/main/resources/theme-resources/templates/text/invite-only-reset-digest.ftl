<#ftl output_format="plainText">
${msg("inviteOnlyResetDigestIntro", firstName, count, realmName)}
<#list requests as request>

${msg("inviteOnlyResetDigestItem", request.requester, request.requestedAt, request.requestIp, request.link, request.consoleLink, request.requestId)}
<#if request.privileged>  ${msg("inviteOnlyResetSignalPrivileged", request.privilegedReasons)} ${msg("inviteOnlyResetTwoApprovers", request.approvalsRequired)}
</#if><#if request.emailChangedAt?has_content>  ${msg("inviteOnlyResetSignalEmailChanged", request.emailChangedAt)}
</#if><#if request.ipSeenAtLogin == "no">  ${msg("inviteOnlyResetSignalIp_no", request.requestIp)}
</#if></#list>

${msg("inviteOnlyResetDigestOutro")}
