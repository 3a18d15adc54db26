<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("inviteOnlyResetApprovedBodyHtml", link, realmName, expiresAt, firstName))?no_esc}
</@layout.emailLayout>
