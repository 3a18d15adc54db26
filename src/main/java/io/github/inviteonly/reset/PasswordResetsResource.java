package io.github.inviteonly.reset;

import java.util.Set;

import io.github.inviteonly.http.ApiException;
import io.github.inviteonly.http.JsonBody;
import io.github.inviteonly.http.PublicResource;
import io.github.inviteonly.http.RealmCors;
import io.github.inviteonly.invitation.InvitationRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.services.ErrorPage;
import org.keycloak.models.KeycloakSession;
import org.keycloak.utils.EmailValidationUtil;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import io.github.inviteonly.docs.ApiTags;

/**
 * Public password-reset endpoints at {@code /realms/{realm}/invite-only/password-resets}: asking needs
 * nothing but an address; completing needs the token from the approval email.
 */
@Tag(name = ApiTags.RESETS)
public class PasswordResetsResource extends PublicResource {

    /** The one answer to every well-formed request, whatever happens to it. */
    public record Accepted(String message) {
    }

    static final Accepted ACCEPTED = new Accepted("If the address belongs to an account, an administrator will review"
            + " the request. Nothing is sent until it is approved.");

    /** The body of a reset request. */
    public record AskBody(@Schema(required = true, format = "email", maxLength = InvitationRequest.MAX_NAME) String email) {
    }

    /** The body of a REST completion. */
    public record CompleteBody(@Schema(required = true, description = "The token parameter of the emailed link") String token,
                               @Schema(required = true, description = "Checked against the realm's password policy")
                               String newPassword) {
    }

    public PasswordResetsResource(KeycloakSession session) {
        super(session);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask for a password reset",
            description = "Records a request for an administrator to approve; nothing is sent to the user before that. "
                    + "The same 202 answer for known, unknown, disabled and throttled addresses." + ApiTags.PUBLIC)
    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = AskBody.class),
                    examples = @ExampleObject(name = "request", value = "{\"email\": \"sam@example.com\"}")))
    @APIResponse(responseCode = "202", description = "Accepted for review (always the same body)",
            content = @Content(schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "400", description = ApiTags.BAD_REQUEST)
    public Response request(String body) {
        RealmCors.forAnyRealmOrigin(session);
        String email = InvitationRequest.normalizeEmail(
                JsonBody.parse(body, Set.of("email")).requiredText("email", InvitationRequest.MAX_NAME));
        if (!EmailValidationUtil.isValidEmail(email)) {
            throw ApiException.badRequest("email", "must be a valid email address");
        }
        new PasswordResetService(session, session.getContext().getRealm())
                .request(email, session.getContext().getConnection().getRemoteAddr(), null);
        return Response.accepted(ACCEPTED).build();
    }

    @POST
    @Path("complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Complete an approved reset with a new password",
            description = "For a single-page app: the token from the approval email's link and the new password. Revokes "
                    + "every session and refresh token of the user and lifts a brute-force lockout. The token works once."
                    + ApiTags.PUBLIC)
    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = CompleteBody.class),
                    examples = @ExampleObject(name = "complete", value = "{\"token\": \"Yb3m0aQ9sV4tK2nD8pR6wE1xZ5cH7jL0fU3gN9qT2vA\", "
                            + "\"newPassword\": \"New-Passw0rd!2\"}")))
    @APIResponse(responseCode = "204", description = "The password is set")
    @APIResponse(responseCode = "400", description = ApiTags.BAD_REQUEST + "; policy violations carry Keycloak's message")
    @APIResponse(responseCode = "410", description = "The link was used already or has expired")
    public Response complete(String body) {
        RealmCors.forAnyRealmOrigin(session);
        JsonBody json = JsonBody.parse(body, Set.of("token", "newPassword"));
        String token = json.requiredText("token", 256);
        String newPassword = json.requiredSecret("newPassword", 1024);
        new PasswordResetService(session, session.getContext().getRealm()).complete(token, newPassword);
        return Response.noContent().build();
    }

    /** The link in the approval email: on to Keycloak's update-password page, or an error page. */
    @GET
    @Path("complete")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The link in the approval email",
            description = "Sends the browser on to Keycloak's own update-password page, or shows an error page." + ApiTags.PUBLIC)
    @APIResponse(responseCode = "303", description = "On to Keycloak's update-password page")
    @APIResponse(responseCode = "400", description = "An error page: the link is not valid, has expired or was used",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response openLink(@Parameter(description = "From the approval email", required = true) @QueryParam("token") String token) {
        try {
            if (token == null || token.isBlank() || token.length() > 256) {
                throw ApiException.badRequest("token", "is required");
            }
            return Response.seeOther(new PasswordResetService(session, session.getContext().getRealm()).browserLink(token)).build();
        } catch (ApiException e) {
            return ErrorPage.error(session, null, Response.Status.BAD_REQUEST, "inviteOnlyResetLinkInvalid");
        }
    }
}
