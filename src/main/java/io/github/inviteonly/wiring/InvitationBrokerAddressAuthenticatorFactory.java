package io.github.inviteonly.wiring;

import io.github.inviteonly.flow.FlowStepFactory;
import io.github.inviteonly.invitation.InvitationBrokerAddressAuthenticator;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;

/** Registers {@link InvitationBrokerAddressAuthenticator}: first in the first broker login flow, before Review Profile. */
public class InvitationBrokerAddressAuthenticatorFactory extends FlowStepFactory<Authenticator> implements AuthenticatorFactory {

    public InvitationBrokerAddressAuthenticatorFactory() {
        super(new InvitationBrokerAddressAuthenticator(), InvitationBrokerAddressAuthenticator.ID, "Invitation binds its address",
                "First broker login: for a person who came through an invitation link, refuses an identity-provider account "
                        + "with another email address, and fills in the invited address when the provider sends none. Place it "
                        + "first, before Review Profile.");
    }
}
