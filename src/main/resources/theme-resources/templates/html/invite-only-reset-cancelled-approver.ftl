<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("inviteOnlyResetCancelledApproverBodyHtml", realmName, requester, requestedAt, cancelledAt, requestId, firstName))?no_esc}
</@layout.emailLayout>
