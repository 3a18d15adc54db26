package io.github.inviteonly.invitation;

import java.util.Optional;

import io.github.inviteonly.flow.AuthenticatorStep;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.AbstractIdentityProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Makes sign-up through an identity provider invite-only. Placed in a copy of the first broker login
 * flow right after "User creation or linking": when that step has just created an account, the account
 * stays only if it is really the invitee's, and then accepts the invitation (roles and groups):
 * <ul>
 * <li>the person came through the invitation's own link (remembered in the authentication session
 * through the provider's round trip) and the account has the invited address (an invitation binds its
 * address on every path: another one, from the provider or typed on the review-profile page, is refused
 * with "this invitation is for another address"), or</li>
 * <li>the provider is trusted for email ({@code trustEmail}) and the address came from it unchanged, and
 * an open invitation exists for that address.</li>
 * </ul>
 * Otherwise the whole request is rolled back and the person sees "by invitation only": an address that a
 * provider does not vouch for, or that was typed on the review-profile page, proves nothing. Linking to an
 * existing account is not a sign-up and passes. Leave the step out (or disabled) to allow
 * identity-provider sign-up without invitations. {@link InvitationBrokerAddressAuthenticator} refuses a
 * provider's other address earlier, before the review-profile page.
 */
public class InvitationBrokerAuthenticator extends AuthenticatorStep {

    public static final String ID = "invite-only-broker-invitation";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (!Boolean.parseBoolean(authSession.getAuthNote(AbstractIdentityProvider.BROKER_REGISTERED_NEW_USER))) {
            context.success();
            return;
        }
        InvitationAcceptance invitations = new InvitationAcceptance(context.getSession());
        UserModel user = context.getUser();
        Optional<InvitationEntity> linked = InvitationRegistrationGate.linkedInvitation(context.getSession(), authSession);
        if (linked.isPresent() && !InvitedAddress.matches(linked.get().getEmail(), user.getEmail())) {
            refuse(context, InvitationBrokerAddressAuthenticator.OTHER_ADDRESS_MESSAGE);
            return;
        }
        Optional<InvitationEntity> invitation = linked.or(() -> emailVouchedForByProvider(context).flatMap(invitations::findUsableByEmail));
        if (invitation.isEmpty()) {
            refuse(context, InvitationRegistrationGate.REQUIRED_MESSAGE);
            return;
        }
        invitations.completeRegistration(SignUpClaim.of(invitation.get()).text(), user);
        if (linked.isPresent()) {
            keepVerifiedByTheLink(authSession);
        }
        context.getEvent().detail(InvitationAcceptance.INVITATION_ID_DETAIL, invitation.get().getId());
        context.success();
    }

    /** Undoes the account that the previous step created in this same transaction, and says why. */
    private static void refuse(AuthenticationFlowContext context, String message) {
        context.getSession().getTransactionManager().setRollbackOnly();
        context.failure(AuthenticationFlowError.ACCESS_DENIED, InvitationRegistrationGate.refusal(context, message));
    }

    /**
     * The link reached the invited mailbox, so {@code completeRegistration} marked the address verified. After
     * this flow Keycloak sets the verification of a new account again from the provider's address (unverified
     * unless the provider is trusted for email and says so); it skips that when the brokered context has no
     * address, and the account already has it, so it is taken out of the context.
     */
    private static void keepVerifiedByTheLink(AuthenticationSessionModel authSession) {
        SerializedBrokeredIdentityContext brokered =
                SerializedBrokeredIdentityContext.readFromAuthenticationSession(authSession, AbstractIdpAuthenticator.BROKERED_CONTEXT_NOTE);
        if (brokered != null) {
            brokered.getContextData().remove(Constants.USER_ATTRIBUTES_PREFIX + UserModel.EMAIL);
            brokered.saveToAuthenticationSession(authSession, AbstractIdpAuthenticator.BROKERED_CONTEXT_NOTE);
        }
    }

    /** The new account's address, when the provider is trusted for email and nobody changed what it sent. */
    private static Optional<String> emailVouchedForByProvider(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (Boolean.parseBoolean(authSession.getAuthNote(AbstractIdentityProvider.UPDATE_PROFILE_EMAIL_CHANGED))) {
            return Optional.empty();
        }
        SerializedBrokeredIdentityContext brokered =
                SerializedBrokeredIdentityContext.readFromAuthenticationSession(authSession, AbstractIdpAuthenticator.BROKERED_CONTEXT_NOTE);
        if (brokered == null || brokered.getEmail() == null) {
            return Optional.empty();
        }
        IdentityProviderModel provider = context.getSession().identityProviders().getByAlias(brokered.getIdentityProviderId());
        String email = context.getUser().getEmail();
        return provider != null && trustsEmail(provider) && brokered.getEmail().equalsIgnoreCase(email)
                ? Optional.of(email) : Optional.empty();
    }

    /**
     * Whether the provider is trusted for email. {@code IdentityProviderModel.isTrustEmail()} returns
     * {@code boolean} up to Keycloak 26.4 and {@code Boolean} (null: not trusted) from 26.5; a call
     * compiled against either fails to link on the other, so it is looked up by name.
     */
    static boolean trustsEmail(IdentityProviderModel provider) {
        try {
            return Boolean.TRUE.equals(IdentityProviderModel.class.getMethod("isTrustEmail").invoke(provider));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("IdentityProviderModel.isTrustEmail() is not callable", e);
        }
    }
}
