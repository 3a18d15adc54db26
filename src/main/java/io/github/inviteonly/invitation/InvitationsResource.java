package io.github.inviteonly.invitation;

import java.net.URI;
import java.util.Optional;

import io.github.inviteonly.docs.ApiTags;
import io.github.inviteonly.http.ApiException;
import io.github.inviteonly.http.Pages;
import io.github.inviteonly.http.PublicResource;
import io.github.inviteonly.http.RealmCors;
import io.github.inviteonly.me.MeRepresentation;
import io.github.inviteonly.security.SecretToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.keycloak.models.KeycloakSession;

/**
 * Public invitation endpoints at {@code /realms/{realm}/invite-only/invitations}, for a sign-up page:
 * the token from the email is the credential, so no bearer token is needed.
 */
@Tag(name = ApiTags.INVITATIONS)
public class InvitationsResource extends PublicResource {

    /** The body of {@code lookup}. */
    public record TokenBody(@Schema(description = "The token from the invitation link", required = true) String token) {
    }

    public InvitationsResource(KeycloakSession session) {
        super(session);
    }

    @POST
    @Path("lookup")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Look up an invitation by its token",
            description = "For a custom sign-up page: what to show for the token from the invitation link." + ApiTags.PUBLIC)
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = TokenBody.class),
            examples = @ExampleObject(name = "token", value = "{\"token\": \"0h7Qn2b0m5J6vQ0dY2m7k1sH3cP9aR4tW8eL5uX6zB1\"}")))
    @APIResponse(responseCode = "200", description = "The invitation is open")
    @APIResponse(responseCode = "400", description = ApiTags.BAD_REQUEST)
    @APIResponse(responseCode = "415", description = ApiTags.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "404", description = "No invitation has this token")
    @APIResponse(responseCode = "410", description = "The invitation was used, revoked or has expired")
    public InvitationLookup lookup(String body) {
        cors();
        return new InvitationAcceptance(session).lookup(AcceptRequest.parseToken(body));
    }

    @POST
    @Path("accept")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Accept an invitation: create the account",
            description = "Creates the user through Keycloak's user profile with the realm's password policy, grants the "
                    + "invitation's roles and groups, and marks it accepted. The token works once." + ApiTags.PUBLIC)
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AcceptRequest.class),
            examples = @ExampleObject(name = "accept", value = "{\"token\": \"0h7Qn2b0m5J6vQ0dY2m7k1sH3cP9aR4tW8eL5uX6zB1\", "
                    + "\"password\": \"Invitee-Passw0rd!\", \"firstName\": \"Ivy\", \"lastName\": \"Invitee\"}")))
    @APIResponse(responseCode = "201", description = "The new user",
            content = @Content(schema = @Schema(implementation = MeRepresentation.class)))
    @APIResponse(responseCode = "400", description = ApiTags.BAD_REQUEST + "; password policy and user-profile messages are Keycloak's")
    @APIResponse(responseCode = "415", description = ApiTags.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "404", description = "No invitation has this token")
    @APIResponse(responseCode = "409", description = "A user with the address exists already")
    @APIResponse(responseCode = "410", description = "The invitation was used, revoked or has expired")
    public Response accept(String body) {
        cors();
        AcceptRequest request = AcceptRequest.parse(body);
        MeRepresentation user = MeRepresentation.of(new InvitationAcceptance(session).accept(request));
        return Response.status(Response.Status.CREATED).entity(user).build();
    }

    @GET
    @Path("sign-up")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The link in the invitation email",
            description = "Checks the invitation and sends the browser on to Keycloak's registration page with the address "
                    + "filled in. A used, withdrawn, expired or unknown invitation gets a page that says so; a used one links "
                    + "to where its account signs in." + ApiTags.PUBLIC)
    @APIResponse(responseCode = "303", description = "On to Keycloak's registration page (a malformed token: on to this page without it)")
    @APIResponse(responseCode = "404", description = "A page: the link is not valid", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "410", description = "A page: the invitation was used, withdrawn or has expired",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response signUp(@Parameter(description = "From the invitation email", required = true) @QueryParam("token") String token) {
        InvitationAcceptance invitations = new InvitationAcceptance(session);
        if (!SecretToken.isWellFormed(token)) {
            return token == null ? unusable(Response.Status.NOT_FOUND, InvitationRegistrationGate.INVALID_MESSAGE, null)
                    : Pages.withoutQuery(session);
        }
        try {
            return Response.seeOther(invitations.signUpPage(token)).build();
        } catch (ApiException e) {
            return switch (e.body().error()) {
                case InvitationAcceptance.USED -> unusable(Response.Status.GONE, "inviteOnlyInvitationUsed",
                        invitations.landing(invitations.findByToken(token)));
                case InvitationAcceptance.EXPIRED -> unusable(Response.Status.GONE, "inviteOnlyInvitationExpired", null);
                case InvitationAcceptance.REVOKED -> unusable(Response.Status.GONE, "inviteOnlyInvitationRevoked", null);
                default -> unusable(Response.Status.NOT_FOUND, InvitationRegistrationGate.INVALID_MESSAGE, null);
            };
        }
    }

    @GET
    @Path("signed-up")
    @Operation(summary = "Where Keycloak returns after sign-up",
            description = "Sends the new user on to where the invitation says: its redirect URI if its client's redirect URIs "
                    + "still allow it (not through a bare wildcard such as '*'), else the client's base URL, else the account "
                    + "console. There the app's own OpenID Connect login completes from the new Keycloak session "
                    + "without asking for the password again." + ApiTags.PUBLIC)
    @APIResponse(responseCode = "303", description = "On to the invitation's landing page")
    public Response signedUp(@Parameter(description = "The invitation's id, as Keycloak hands it back") @QueryParam("state") String state) {
        InvitationAcceptance invitations = new InvitationAcceptance(session);
        Optional<InvitationEntity> accepted = state == null || state.length() > 36 ? Optional.empty()
                : invitations.findById(state).filter(invitation -> invitation.getStatus() == InvitationStatus.ACCEPTED);
        return Response.seeOther(invitations.landing(accepted)).build();
    }

    private Response unusable(Response.Status status, String message, URI signIn) {
        return Pages.message(session, status, InvitationRegistrationGate.TITLE, message, signIn);
    }

    /** Sign-up pages may live on any web origin of the realm's clients. */
    private void cors() {
        RealmCors.forAnyRealmOrigin(session);
    }
}
