<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("inviteOnlyResetRequestBodyHtml", link, realmName, requester, requesterEmail, requestedAt, requestIp, requestId, firstName, consoleLink))?no_esc}
</@layout.emailLayout>
