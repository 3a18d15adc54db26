<#import "template.ftl" as layout>
<@layout.emailLayout>
<#if replacesEarlier!false>${kcSanitize(msg("inviteOnlyLinkReplacesEarlierHtml"))?no_esc}</#if>
${kcSanitize(msg("inviteOnlyResetApprovedBodyHtml", link, realmName, expiresAt, firstName))?no_esc}
<#if (validFrom!"")?has_content>${kcSanitize(msg("inviteOnlyResetApprovedCoolingOffHtml", validFrom))?no_esc}</#if>
</@layout.emailLayout>
