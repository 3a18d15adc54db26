<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("inviteOnlyResetCancelledBodyHtml", realmName, cancelledAt, firstName))?no_esc}
</@layout.emailLayout>
