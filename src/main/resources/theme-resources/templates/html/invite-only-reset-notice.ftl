<#-- The IP and the browser are the caller's words: printed (auto-escaped) as text, never through kcSanitize, which keeps links. -->
<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("inviteOnlyResetNoticeIntroHtml", realmName, requestedAt, firstName))?no_esc}
<p>${msg("inviteOnlyResetNoticeOrigin", requestIp, userAgent)}</p>
${kcSanitize(msg("inviteOnlyResetNoticeCancelHtml", cancelLink))?no_esc}
</@layout.emailLayout>
