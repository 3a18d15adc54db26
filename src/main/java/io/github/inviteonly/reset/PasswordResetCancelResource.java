package io.github.inviteonly.reset;

import io.github.inviteonly.docs.ApiTags;
import io.github.inviteonly.http.Pages;
import io.github.inviteonly.http.PublicResource;
import io.github.inviteonly.security.SecretToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.keycloak.models.KeycloakSession;

/**
 * {@code /realms/{realm}/invite-only/password-resets/cancel}: the owner's "This wasn't me: cancel it" link. Opening
 * it only shows a page with a button, so that mail scanners which open links cancel nothing; the button posts
 * to the same address and cancels.
 */
@Tag(name = ApiTags.RESETS)
public class PasswordResetCancelResource extends PublicResource {

    private static final String TITLE = "inviteOnlyResetCancelTitle";
    private static final String FORM_PAGE = "invite-only-cancel-reset.ftl";
    private static final String TOKEN_DESCRIPTION = "From the link in the notice the owner got when the request was made";

    public PasswordResetCancelResource(KeycloakSession session) {
        super(session);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The owner's cancel link",
            description = "A page asking whether to cancel the password-reset request, with a button that posts to the same "
                    + "address; opening the link changes nothing. For a cancelled request it says so; for one decided, completed "
                    + "or expired (or an unknown token) only that the link is no longer valid." + ApiTags.PUBLIC)
    @APIResponse(responseCode = "200", description = "The page with the button, or the page saying it is cancelled already",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "303", description = "A malformed token: on to the same page without it")
    @APIResponse(responseCode = "400", description = "A page: no token", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "410", description = "A page: the link is no longer valid", content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response open(@Parameter(description = TOKEN_DESCRIPTION, required = true) @QueryParam("token") String token) {
        if (!SecretToken.isWellFormed(token)) {
            return withoutToken(token);
        }
        return switch (cancellation().look(token)) {
            case OPEN -> Pages.form(session)
                    .setActionUri(session.getContext().getUri().getAbsolutePathBuilder().replaceQuery(null)
                            .queryParam("token", token).build())
                    .createForm(FORM_PAGE);
            case CANCELLED -> Pages.message(session, Response.Status.OK, TITLE, "inviteOnlyResetCancelAlready", null);
            case NO_LONGER_VALID -> noLongerValid();
        };
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The cancel page's button",
            description = "Cancels the PENDING or APPROVED request of the token: it becomes CANCELLED, leaves the approval queue, "
                    + "its reset link stops working, and the owner and the approvers are emailed. Again, or for a cancelled "
                    + "request: the page saying it is cancelled." + ApiTags.PUBLIC)
    @RequestBody(description = "The page's form (no fields)",
            content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @Schema(type = SchemaType.OBJECT,
                    description = "No fields: the button alone; the token travels in the address"),
                    examples = @ExampleObject(name = "button", value = "")))
    @APIResponse(responseCode = "200", description = "A page: the request is cancelled", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "303", description = "A malformed or missing token: on to the link's page without it")
    @APIResponse(responseCode = "410", description = "A page: the link is no longer valid", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "415", description = ApiTags.UNSUPPORTED_MEDIA_TYPE)
    public Response confirm(@Parameter(description = TOKEN_DESCRIPTION, required = true) @QueryParam("token") String token,
                            String body) {
        if (!SecretToken.isWellFormed(token)) {
            return Response.seeOther(session.getContext().getUri().getAbsolutePathBuilder().replaceQuery(null).build()).build();
        }
        return switch (cancellation().cancel(token)) {
            case OPEN -> Pages.message(session, Response.Status.OK, TITLE, "inviteOnlyResetCancelDone", null);
            case CANCELLED -> Pages.message(session, Response.Status.OK, TITLE, "inviteOnlyResetCancelAlready", null);
            case NO_LONGER_VALID -> noLongerValid();
        };
    }

    private ResetCancellation cancellation() {
        return new ResetCancellation(session, session.getContext().getRealm());
    }

    private Response noLongerValid() {
        return Pages.message(session, Response.Status.GONE, TITLE, "inviteOnlyResetCancelNoLongerValid", null);
    }

    private Response withoutToken(String token) {
        return token == null ? Pages.message(session, Response.Status.BAD_REQUEST, TITLE, "inviteOnlyResetCancelNoLongerValid", null)
                : Pages.withoutQuery(session);
    }
}
