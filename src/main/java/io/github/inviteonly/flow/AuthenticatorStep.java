package io.github.inviteonly.flow;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;

/** A flow step that decides in {@code authenticate} alone: no form to post back, no user needed beforehand. */
public abstract class AuthenticatorStep extends FlowStep implements Authenticator {

    @Override
    public void action(AuthenticationFlowContext context) {
    }
}
