package io.github.inviteonly.me;

import io.github.inviteonly.http.BearerAuth;
import io.github.inviteonly.http.PublicResource;
import io.github.inviteonly.http.RealmCors;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/** {@code GET /realms/{realm}/invite-only/me}: who the bearer token belongs to. */
public class MeResource extends PublicResource {

    public MeResource(KeycloakSession session) {
        super(session);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public MeRepresentation me() {
        AuthResult auth = BearerAuth.require(session);
        RealmCors.forToken(auth.token());
        return MeRepresentation.of(auth.user());
    }
}
