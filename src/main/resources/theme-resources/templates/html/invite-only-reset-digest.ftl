<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("inviteOnlyResetDigestIntroHtml", firstName, count, realmName))?no_esc}
<ul>
<#list requests as request>
<li>${kcSanitize(msg("inviteOnlyResetDigestItemHtml", request.requester, request.requestedAt, request.requestIp, request.link, request.consoleLink, request.requestId))?no_esc}</li>
</#list>
</ul>
${kcSanitize(msg("inviteOnlyResetDigestOutroHtml"))?no_esc}
</@layout.emailLayout>
