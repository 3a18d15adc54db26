package io.github.inviteonly.me;

import io.github.inviteonly.http.BearerAuth;
import io.github.inviteonly.http.PublicResource;
import io.github.inviteonly.http.RealmCors;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.models.KeycloakSession;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import io.github.inviteonly.docs.ApiTags;

/** {@code GET /realms/{realm}/invite-only/me}: who the bearer token belongs to. */
public class MeResource extends PublicResource {

    public MeResource(KeycloakSession session) {
        super(session);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = ApiTags.ME)
    @SecurityRequirement(name = "bearer")
    @SecurityRequirement(name = "oidc")
    @Operation(summary = "Who the bearer token belongs to",
            description = "The signed-in user with effective realm roles and group paths (the origin's `me/`)."
                    + " Permission: any user of the realm with an access token.")
    @APIResponse(responseCode = "200", description = "The user")
    @APIResponse(responseCode = "401", description = ApiTags.UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = "The request's Origin is not allowed for the token's client")
    public MeRepresentation me() {
        BearerAuth.Caller caller = BearerAuth.require(session);
        RealmCors.forToken(session, caller.token());
        return MeRepresentation.of(caller.user());
    }
}
