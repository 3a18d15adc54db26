package io.github.inviteonly.http;

import java.util.Set;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.Response;
import org.keycloak.common.util.UriUtils;
import org.keycloak.models.ClientModel;
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
     * Adds CORS headers for an authenticated call, checking the origin against the origins the token
     * allows, or, when it names none, the web origins of the client it was issued to. A call from the
     * server's own origin, or without an Origin, passes.
     * <p>
     * Keycloak 26.7's {@code Cors.checkAllowedOrigins(token)} does exactly this; 26.4 and 26.5 only have
     * {@code allowedOrigins(token)}, which never refuses (it leaves the headers out) and ignores the
     * client. So the check is ours, and Keycloak's builder only writes the headers.
     *
     * @throws ForbiddenException (403, as Keycloak's own check) when the origin is not allowed
     */
    public static void forToken(KeycloakSession session, AccessToken token) {
        String origin = session.getContext().getRequestHeaders().getHeaderString(Cors.ORIGIN_HEADER);
        if (origin == null) {
            return;
        }
        Set<String> allowed = token.getAllowedOrigins();
        if (allowed == null || allowed.isEmpty()) {
            ClientModel client = token.getIssuedFor() == null ? null
                    : session.getContext().getRealm().getClientByClientId(token.getIssuedFor());
            allowed = client == null ? Set.of() : WebOriginsUtils.resolveValidWebOrigins(session, client);
        }
        if (!allowed.contains(origin) && !allowed.contains(Cors.ACCESS_CONTROL_ALLOW_ORIGIN_WILDCARD)) {
            if (!origin.equals(UriUtils.getOrigin(session.getContext().getUri().getRequestUri()))) {
                throw new ForbiddenException("Invalid origin");
            }
            return; // the server's own origin: no CORS headers needed, none written (as Keycloak does)
        }
        Cors.builder().auth().allowedMethods(METHODS).exposedHeaders("Location").allowAllOrigins().add();
    }

    /**
     * Adds CORS headers for an anonymous call (no token, so no client to ask): any web origin of the
     * realm's clients is allowed.
     */
    public static void forAnyRealmOrigin(KeycloakSession session) {
        String origin = requireRealmOrigin(session);
        if (origin != null) {
            // The origin is checked: Keycloak's builder only writes the headers (its origin methods
            // differ between 26.4 and 26.7; allowAllOrigins() is the same in both).
            Cors.builder().allowedMethods(METHODS).exposedHeaders("Location").allowAllOrigins().add();
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
