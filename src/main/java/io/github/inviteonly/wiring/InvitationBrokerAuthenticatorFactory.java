package io.github.inviteonly.wiring;

import io.github.inviteonly.flow.FlowStepFactory;
import io.github.inviteonly.invitation.InvitationBrokerAuthenticator;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;

/** Registers {@link InvitationBrokerAuthenticator}: in the first broker login flow, after user creation. */
public class InvitationBrokerAuthenticatorFactory extends FlowStepFactory<Authenticator> implements AuthenticatorFactory {

    public InvitationBrokerAuthenticatorFactory() {
        super(new InvitationBrokerAuthenticator(), InvitationBrokerAuthenticator.ID, "Invitation required for new accounts",
                "First broker login: keeps an account just created from an identity provider only if its person came "
                        + "through the invitation link, or the provider is trusted for email and an invitation exists for the "
                        + "address it sent. Place it right after User creation or linking.");
    }
}
