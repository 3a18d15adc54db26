package io.github.inviteonly.invitation;

import io.github.inviteonly.http.PublicResource;
import io.github.inviteonly.http.RealmCors;
import io.github.inviteonly.me.MeRepresentation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

/**
 * Public invitation endpoints at {@code /realms/{realm}/invite-only/invitations}, for a sign-up page:
 * the token from the email is the credential, so no bearer token is needed.
 */
public class InvitationsResource extends PublicResource {

    public InvitationsResource(KeycloakSession session) {
        super(session);
    }

    @POST
    @Path("lookup")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public InvitationLookup lookup(String body) {
        cors();
        return new InvitationService(session).lookup(AcceptRequest.parseToken(body));
    }

    @POST
    @Path("accept")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response accept(String body) {
        cors();
        AcceptRequest request = AcceptRequest.parse(body);
        MeRepresentation user = MeRepresentation.of(new InvitationService(session).accept(request));
        return Response.status(Response.Status.CREATED).entity(user).build();
    }

    /** Sign-up pages may live on any web origin of the realm's clients. */
    private void cors() {
        RealmCors.forAnyRealmOrigin(session);
    }
}
