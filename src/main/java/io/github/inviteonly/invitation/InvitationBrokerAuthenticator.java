package io.github.inviteonly.invitation;

import java.util.Optional;

import io.github.inviteonly.flow.AuthenticatorStep;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.broker.provider.AbstractIdentityProvider;

/**
 * Makes sign-up through an identity provider invite-only. Placed in a copy of the first broker login
 * flow right after "User creation or linking": when that step has just created an account, the account
 * stays only if an open invitation exists for its email (which it then accepts, with its roles and
 * groups); otherwise the whole request is rolled back and the person sees "by invitation only". Linking
 * to an existing account is not a sign-up and passes. Leave the step out (or disabled) to allow
 * identity-provider sign-up without invitations.
 */
public class InvitationBrokerAuthenticator extends AuthenticatorStep {

    public static final String ID = "invite-only-broker-invitation";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        boolean newAccount = Boolean.parseBoolean(
                context.getAuthenticationSession().getAuthNote(AbstractIdentityProvider.BROKER_REGISTERED_NEW_USER));
        if (!newAccount) {
            context.success();
            return;
        }
        InvitationService invitations = new InvitationService(context.getSession());
        Optional<InvitationEntity> invitation = invitations.findUsableByEmail(context.getUser().getEmail());
        if (invitation.isEmpty()) {
            // Undoes the account that the previous step created in this same transaction.
            context.getSession().getTransactionManager().setRollbackOnly();
            context.failure(AuthenticationFlowError.ACCESS_DENIED,
                    InvitationRegistrationGate.refusal(context, InvitationRegistrationGate.REQUIRED_MESSAGE));
            return;
        }
        invitations.completeRegistration(invitation.get().getId(), context.getUser());
        context.getEvent().detail(InvitationService.INVITATION_ID_DETAIL, invitation.get().getId());
        context.success();
    }

    @Override
    public String getDisplayType() {
        return "Invitation required for new accounts";
    }

    @Override
    public String getHelpText() {
        return "First broker login: keeps an account just created from an identity provider only if an invitation "
                + "exists for its email. Place it right after User creation or linking.";
    }

    @Override
    public String getId() {
        return ID;
    }
}
