<#ftl output_format="plainText">
${msg("inviteOnlyEmailChangedBody", realmName, oldEmail, newEmail, changedAt, firstName)}
