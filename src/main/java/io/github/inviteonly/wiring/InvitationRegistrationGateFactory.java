package io.github.inviteonly.wiring;

import io.github.inviteonly.flow.FlowStepFactory;
import io.github.inviteonly.invitation.InvitationRegistrationGate;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;

/** Registers {@link InvitationRegistrationGate}: first in the registration flow. */
public class InvitationRegistrationGateFactory extends FlowStepFactory<Authenticator> implements AuthenticatorFactory {

    public InvitationRegistrationGateFactory() {
        super(new InvitationRegistrationGate(), InvitationRegistrationGate.ID, "Invitation required to register",
                "Registration flow: shows the registration page only to people who came through an invitation link. Place it "
                        + "first, before the registration form (which holds the Invitation required form action).");
    }
}
