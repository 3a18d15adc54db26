package io.github.inviteonly.http;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/** Authenticates the caller of a public endpoint with a bearer access token of the current realm. */
public final class BearerAuth {

    private BearerAuth() {
    }

    /**
     * Keycloak's own verifier checks signature, expiry, issuer (so tokens of another realm fail),
     * token type and that the user session is still alive.
     *
     * @throws ApiException 401 when the token is missing or not valid for this realm
     */
    public static AuthResult require(KeycloakSession session) {
        AuthResult result = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (result == null) {
            throw ApiException.unauthorized(session.getContext().getRealm().getName(),
                    "A valid bearer access token of this realm is required");
        }
        return result;
    }
}
