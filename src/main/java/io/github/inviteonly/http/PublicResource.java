package io.github.inviteonly.http;

import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Base of every resource under {@code /realms/{realm}/invite-only}. JAX-RS routes a request into a
 * sub-resource before looking for methods, so each sub-resource answers its own CORS preflights.
 */
public abstract class PublicResource {

    protected final KeycloakSession session;

    protected PublicResource(KeycloakSession session) {
        this.session = session;
    }

    @OPTIONS
    @Operation(hidden = true)
    public Response preflight() {
        return RealmCors.preflight(session);
    }

    @OPTIONS
    @Path("{path:.+}")
    @Operation(hidden = true)
    public Response preflightSubPath() {
        return RealmCors.preflight(session);
    }
}
