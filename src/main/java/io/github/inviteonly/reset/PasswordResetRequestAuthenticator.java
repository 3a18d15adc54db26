package io.github.inviteonly.reset;

import io.github.inviteonly.flow.AuthenticatorStep;
import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * "Forgot password?" on the login page, made admin-approved: placed in a copy of the reset-credentials
 * flow instead of "Send Reset Email", right after "Choose User". It records a request for whatever was
 * typed (exactly like the REST endpoint, throttle included) and always answers the same sentence, so the
 * page tells nobody whether the account exists.
 */
public class PasswordResetRequestAuthenticator extends AuthenticatorStep {

    public static final String ID = "invite-only-reset-request";
    static final String REQUEST_SENT_MESSAGE = "inviteOnlyResetRequestSent";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String login = authSession.getAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME);
        if (login != null && !login.isBlank()) {
            new ResetRequests(context.getSession(), context.getRealm())
                    .request(login.trim(), context.getConnection().getRemoteAddr(), authSession.getClient().getClientId(),
                            context.getHttpRequest().getHttpHeaders().getHeaderString(HttpHeaders.USER_AGENT));
        }
        context.forkWithSuccessMessage(new FormMessage(REQUEST_SENT_MESSAGE));
    }
}
