package io.github.inviteonly.flow;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.KeycloakSession;

/** A flow step that is an authenticator deciding in {@code authenticate} alone, with no form to post back. */
public abstract class AuthenticatorStep extends FlowStep implements Authenticator, AuthenticatorFactory {

    @Override
    public void action(AuthenticationFlowContext context) {
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return this;
    }
}
