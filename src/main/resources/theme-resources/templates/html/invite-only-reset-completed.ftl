<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("inviteOnlyResetCompletedBodyHtml", realmName, completedAt, firstName))?no_esc}
</@layout.emailLayout>
