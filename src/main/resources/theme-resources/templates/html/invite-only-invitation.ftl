<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("inviteOnlyInvitationBodyHtml", link, inviterName, realmName, expiresAt, firstName))?no_esc}
</@layout.emailLayout>
