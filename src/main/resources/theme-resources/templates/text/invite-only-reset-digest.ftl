<#ftl output_format="plainText">
${msg("inviteOnlyResetDigestIntro", firstName, count, realmName)}
<#list requests as request>

${msg("inviteOnlyResetDigestItem", request.requester, request.requestedAt, request.requestIp, request.link, request.consoleLink, request.requestId)}
</#list>

${msg("inviteOnlyResetDigestOutro")}
