<#--
  Keycloak's own update-password page (of whichever login theme the realm uses), without its "Sign out from other
  devices" choice: completing a reset signs out everywhere anyway, and the page says so where the choice was.
  The theme's page imports password-commons.ftl under the same name: Freemarker shares that namespace, so the
  macro replaced here is the one it calls.
-->
<#import "password-commons.ftl" as passwordCommons>
<#macro signedOutEverywhere>
    <p id="invite-only-signs-out-everywhere" class="instruction">${msg("inviteOnlyResetSignsOutEverywhere")}</p>
</#macro>
<#assign logoutOtherSessions = signedOutEverywhere in passwordCommons>
<#include "login-update-password.ftl">
