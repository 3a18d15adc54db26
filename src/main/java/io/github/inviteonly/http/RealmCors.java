package io.github.inviteonly.http;

import java.util.List;

import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.utils.WebOriginsUtils;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.cors.Cors;

/**
 * CORS for the public endpoints, using the web origins configured on the realm's clients.
 * Keycloak's own {@link Cors} answers a preflight for any origin; ours only for an origin some
 * client of the realm allows, so a page on any other origin is refused before it sends a token.
 */
public final class RealmCors {

    public static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "OPTIONS"};

    private RealmCors() {
    }

    /** Answers an OPTIONS preflight: allowed origins get the CORS headers, others a 403. */
    public static Response preflight(KeycloakSession session) {
        requireRealmOrigin(session);
        return Cors.builder().auth().preflight().allowedMethods(METHODS).add(Response.ok());
    }

    /**
     * Adds CORS headers for an authenticated call, checking the origin against the web origins of the
     * client the token was issued to.
     *
     * @throws jakarta.ws.rs.ForbiddenException from Keycloak when the origin is not allowed
     */
    public static void forToken(AccessToken token) {
        Cors.builder().auth().allowedMethods(METHODS).exposedHeaders("Location").checkAllowedOrigins(token).add();
    }

    /**
     * Adds CORS headers for an anonymous call (no token, so no client to ask): any web origin of the
     * realm's clients is allowed.
     */
    public static void forAnyRealmOrigin(KeycloakSession session) {
        String origin = requireRealmOrigin(session);
        if (origin != null) {
            Cors.builder().allowedMethods(METHODS).exposedHeaders("Location").checkAllowedOrigins(List.of(origin)).add();
        }
    }

    /**
     * @return the request's Origin (null when it has none, as for same-origin and non-browser calls)
     * @throws ApiException 403 when it is not a web origin of any client of the realm
     */
    private static String requireRealmOrigin(KeycloakSession session) {
        String origin = session.getContext().getRequestHeaders().getHeaderString("Origin");
        if (origin != null && session.getContext().getRealm().getClientsStream()
                .noneMatch(client -> WebOriginsUtils.resolveValidWebOrigins(session, client).contains(origin))) {
            throw ApiException.forbidden("Origin not allowed");
        }
        return origin;
    }
}
