package io.github.inviteonly.http;

import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;

/** Authenticates the caller of a public endpoint with a bearer access token of the current realm. */
public final class BearerAuth {

    /** The authenticated caller: the user and the access token presented. */
    public record Caller(UserModel user, AccessToken token) {
    }

    private BearerAuth() {
    }

    /**
     * Keycloak's own verifier checks signature, expiry, issuer (so tokens of another realm fail),
     * token type and that the user session is still alive.
     * <p>
     * On success Keycloak puts the token, its client and the user session into the session's context;
     * we read them from there rather than from the {@code AuthResult} it returns, whose accessors
     * differ between the Keycloak versions we support ({@code getUser()} up to 26.4, {@code user()} from
     * 26.5, where the getters are deprecated for removal).
     *
     * @throws ApiException 401 when the token is missing or not valid for this realm
     */
    public static Caller require(KeycloakSession session) {
        if (new AppAuthManager.BearerTokenAuthenticator(session).authenticate() == null) {
            throw ApiException.unauthorized(session.getContext().getRealm().getName(),
                    "A valid bearer access token of this realm is required");
        }
        KeycloakContext context = session.getContext();
        return new Caller(context.getUserSession().getUser(), (AccessToken) context.getBearerToken());
    }
}
