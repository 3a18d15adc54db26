<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("inviteOnlyEmailChangedBodyHtml", realmName, oldEmail, newEmail, changedAt, firstName))?no_esc}
</@layout.emailLayout>
