package io.github.inviteonly.invitation;

import java.util.Optional;

import io.github.inviteonly.flow.AuthenticatorStep;
import io.github.inviteonly.http.Pages;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Makes Keycloak's registration page invite-only before any form is shown. Placed first in a copy of
 * the registration flow, before the registration form: the invitation behind the link's token is
 * remembered in the authentication session (which {@link InvitationRegistrationFormAction} then uses),
 * and without a usable invitation the person gets a page that says so, with no form to fill in.
 */
public class InvitationRegistrationGate extends AuthenticatorStep {

    public static final String ID = "invite-only-registration-gate";

    /**
     * Which invitation this sign-up is for, kept server-side between the page and its submission: a
     * {@link SignUpClaim}, so that a resend ends it.
     */
    static final String INVITATION_NOTE = "invite-only.invitation-id";
    /**
     * The same, as a client note: those outlive the switch to the login page and the round trip through an
     * identity provider (auth notes are cleared when a flow restarts), so a provider sign-up begun from the
     * invitation's link can claim it ({@link InvitationBrokerAuthenticator}).
     */
    static final String LINK_NOTE = "invite-only.invitation-link";

    static final String REQUIRED_MESSAGE = "inviteOnlyInvitationRequired";
    static final String INVALID_MESSAGE = "inviteOnlyInvitationInvalid";
    static final String TITLE = "inviteOnlyInvitationTitle";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String token = token(context.getHttpRequest().getUri().getQueryParameters().getFirst(InvitationLinks.TOKEN_PARAM));
        Optional<InvitationEntity> invitation = token != null ? remember(context.getSession(), authSession, token)
                : Optional.ofNullable(authSession.getAuthNote(INVITATION_NOTE))
                        .flatMap(new InvitationAcceptance(context.getSession())::findUsableByClaim);
        if (invitation.isEmpty()) {
            String message = refusalMessage(authSession, token);
            authSession.removeAuthNote(INVITATION_NOTE);
            context.failure(AuthenticationFlowError.ACCESS_DENIED, refusal(context, message));
            return;
        }
        context.success();
    }

    /** The open invitation behind the registration page's parameter, remembered for the form's submission. */
    static Optional<InvitationEntity> remember(KeycloakSession session, AuthenticationSessionModel authSession, String token) {
        Optional<InvitationEntity> invitation = token == null ? Optional.empty()
                : new InvitationAcceptance(session).findUsableByTicketOrToken(token);
        invitation.ifPresent(found -> {
            String claim = SignUpClaim.of(found).text();
            authSession.setAuthNote(INVITATION_NOTE, claim);
            authSession.setClientNote(LINK_NOTE, claim);
        });
        return invitation;
    }

    /** The open invitation whose link this sign-up began at (then *Back to Login*, an identity provider…), if any. */
    static Optional<InvitationEntity> linkedInvitation(KeycloakSession session, AuthenticationSessionModel authSession) {
        return Optional.ofNullable(authSession.getClientNote(LINK_NOTE)).flatMap(new InvitationAcceptance(session)::findUsableByClaim);
    }

    /**
     * Why there is no usable invitation: none was ever named (sign-up is by invitation only), or the one named,
     * by the link's parameter or earlier in this session, cannot be used (any more: used, withdrawn, expired, re-sent).
     */
    static String refusalMessage(AuthenticationSessionModel authSession, String token) {
        return token == null && authSession.getAuthNote(INVITATION_NOTE) == null ? REQUIRED_MESSAGE : INVALID_MESSAGE;
    }

    private static String token(String parameter) {
        return parameter == null || parameter.isBlank() ? null : parameter;
    }

    /** A page that says why, in the realm's login theme, with no form; its link leads back to the client. */
    static Response refusal(AuthenticationFlowContext context, String message) {
        return Pages.message(context.form(), Response.Status.FORBIDDEN, TITLE, message, null);
    }
}
