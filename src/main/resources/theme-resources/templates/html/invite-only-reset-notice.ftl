<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("inviteOnlyResetNoticeBodyHtml", realmName, requestedAt, requestIpHtml, userAgentHtml, cancelLink, firstName))?no_esc}
</@layout.emailLayout>
