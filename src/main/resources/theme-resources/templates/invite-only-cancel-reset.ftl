<#-- The owner's cancel link: only the button cancels, so that mail scanners which open links cancel nothing. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("inviteOnlyResetCancelTitle")}
    <#elseif section = "form">
        <p id="invite-only-cancel-question" class="instruction">${msg("inviteOnlyResetCancelQuestion")}</p>
        <form id="invite-only-cancel-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <button id="invite-only-cancel" type="submit"
                        class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("inviteOnlyResetCancelButton")}</button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
