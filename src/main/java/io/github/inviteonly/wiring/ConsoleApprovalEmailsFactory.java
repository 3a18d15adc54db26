package io.github.inviteonly.wiring;

import io.github.inviteonly.reset.ConsoleApprovalEmails;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.email.freemarker.FreeMarkerEmailTemplateProviderFactory;
import org.keycloak.models.KeycloakSession;

/**
 * Registers {@link ConsoleApprovalEmails} under Keycloak's own id {@code freemarker}, which Keycloak
 * resolves in favour of an extension's factory.
 */
public class ConsoleApprovalEmailsFactory extends FreeMarkerEmailTemplateProviderFactory {

    @Override
    public EmailTemplateProvider create(KeycloakSession session) {
        return new ConsoleApprovalEmails(session);
    }
}
