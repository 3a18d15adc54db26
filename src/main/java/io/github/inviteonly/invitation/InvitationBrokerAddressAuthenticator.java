package io.github.inviteonly.invitation;

import java.util.Optional;

import io.github.inviteonly.flow.AuthenticatorStep;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Binds an invitation's address before anything is shown or created. Placed first in a copy of the first
 * broker login flow, before "Review Profile": when the person came through an invitation's link, the
 * address the identity provider sent must be the invited one (else "this invitation is for another
 * address", and nothing is created); when the provider sent none, the invited address is filled in, so
 * the review-profile page shows it and the account gets it. {@link InvitationBrokerAuthenticator} checks
 * the address again after the account is created (an address changed on the review-profile page).
 */
public class InvitationBrokerAddressAuthenticator extends AuthenticatorStep {

    public static final String ID = "invite-only-broker-invited-address";

    /** The refusal of a provider account, or a reviewed address, that is not the invited one. */
    static final String OTHER_ADDRESS_MESSAGE = "inviteOnlyInvitationOtherAddress";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        Optional<InvitationEntity> invitation = InvitationRegistrationGate.linkedInvitation(context.getSession(), authSession);
        SerializedBrokeredIdentityContext brokered =
                SerializedBrokeredIdentityContext.readFromAuthenticationSession(authSession, AbstractIdpAuthenticator.BROKERED_CONTEXT_NOTE);
        if (invitation.isEmpty() || brokered == null) {
            context.success();
            return;
        }
        String invited = invitation.get().getEmail();
        if (InvitedAddress.isMissing(brokered.getEmail())) {
            brokered.setEmail(invited);
            brokered.saveToAuthenticationSession(authSession, AbstractIdpAuthenticator.BROKERED_CONTEXT_NOTE);
        } else if (!InvitedAddress.matches(invited, brokered.getEmail())) {
            context.failure(AuthenticationFlowError.ACCESS_DENIED, InvitationRegistrationGate.refusal(context, OTHER_ADDRESS_MESSAGE));
            return;
        }
        context.success();
    }
}
