<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("inviteOnlyResetRejectedBodyHtml", realmName, reason, firstName))?no_esc}
</@layout.emailLayout>
