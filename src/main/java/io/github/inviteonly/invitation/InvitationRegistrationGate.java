package io.github.inviteonly.invitation;

import java.util.Optional;

import io.github.inviteonly.flow.AuthenticatorStep;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Makes Keycloak's registration page invite-only before any form is shown. Placed first in a copy of
 * the registration flow, before the registration form: the invitation link's token is remembered in
 * the authentication session (which {@link InvitationRegistrationFormAction} then uses), and without a
 * usable invitation the person gets a page that says so, with no form to fill in.
 */
public class InvitationRegistrationGate extends AuthenticatorStep {

    public static final String ID = "invite-only-registration-gate";

    /** Which invitation this sign-up is for, kept server-side between the page and its submission. */
    static final String INVITATION_NOTE = "invite-only.invitation-id";

    static final String REQUIRED_MESSAGE = "inviteOnlyInvitationRequired";
    static final String INVALID_MESSAGE = "inviteOnlyInvitationInvalid";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        InvitationService invitations = new InvitationService(context.getSession());
        String token = context.getHttpRequest().getUri().getQueryParameters().getFirst(InvitationLinks.TOKEN_PARAM);
        Optional<InvitationEntity> invitation = token != null ? invitations.findUsableByToken(token)
                : Optional.ofNullable(authSession.getAuthNote(INVITATION_NOTE)).flatMap(invitations::findUsableById);
        if (invitation.isEmpty()) {
            authSession.removeAuthNote(INVITATION_NOTE);
            Response page = context.form().setAttribute("messageHeader", "inviteOnlyInvitationTitle")
                    .setInfo(token != null ? INVALID_MESSAGE : REQUIRED_MESSAGE)
                    .createInfoPage();
            context.failure(AuthenticationFlowError.ACCESS_DENIED, Response.fromResponse(page).status(Response.Status.FORBIDDEN).build());
            return;
        }
        authSession.setAuthNote(INVITATION_NOTE, invitation.get().getId());
        context.success();
    }

    @Override
    public String getDisplayType() {
        return "Invitation required to register";
    }

    @Override
    public String getHelpText() {
        return "Registration flow: shows the registration page only to people who came through an invitation link. Place it "
                + "first, before the registration form (which holds the Invitation required form action).";
    }

    @Override
    public String getId() {
        return ID;
    }
}
