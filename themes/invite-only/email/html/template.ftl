<#-- The frame of every HTML email: inline styles only, as mail clients ignore style sheets. -->
<#macro emailLayout>
<html lang="${locale.language}" dir="${(ltr)?then('ltr','rtl')}">
<body style="margin:0;padding:0;background:#f3f5f4;font-family:Arial,Helvetica,sans-serif;color:#1b1d1c;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f5f4;padding:24px 0;">
    <tr><td align="center">
        <table role="presentation" width="600" cellpadding="0" cellspacing="0" style="background:#ffffff;border-top:6px solid #1f6f5c;">
            <tr><td style="padding:20px 32px 0 32px;font-size:20px;font-weight:bold;color:#1f6f5c;">${realmName}</td></tr>
            <tr><td style="padding:12px 32px 24px 32px;font-size:15px;line-height:1.5;">
                <#nested>
            </td></tr>
            <tr><td style="padding:12px 32px;font-size:12px;color:#5c6360;border-top:1px solid #e2e6e4;">${msg("inviteOnlyEmailFooter", realmName)}</td></tr>
        </table>
    </td></tr>
</table>
</body>
</html>
</#macro>
