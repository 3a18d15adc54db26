<#import "template.ftl" as layout>
<@layout.emailLayout>
<#if replacesEarlier!false>${kcSanitize(msg("inviteOnlyLinkReplacesEarlierHtml"))?no_esc}</#if>
${kcSanitize(msg("inviteOnlyInvitationBodyHtml", link, inviterName, realmName, expiresAt, firstName))?no_esc}
</@layout.emailLayout>
