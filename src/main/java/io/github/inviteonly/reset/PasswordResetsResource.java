package io.github.inviteonly.reset;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.inviteonly.docs.ApiTags;
import io.github.inviteonly.http.ApiException;
import io.github.inviteonly.i18n.LocalizedTimes;
import io.github.inviteonly.http.FormFields;
import io.github.inviteonly.http.JsonBody;
import io.github.inviteonly.http.Pages;
import io.github.inviteonly.http.PublicResource;
import io.github.inviteonly.http.RealmCors;
import io.github.inviteonly.mail.EmailAddresses;
import io.github.inviteonly.security.SecretToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.messages.Messages;
import org.keycloak.services.validation.Validation;
import org.keycloak.utils.EmailValidationUtil;

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
    public record AskBody(@Schema(required = true, format = "email", maxLength = EmailAddresses.MAX_LENGTH) String email) {
    }

    /** The fields of the update-password page (Keycloak's names). */
    public record PageForm(@Schema(name = NEW_PASSWORD_FIELD, required = true) String passwordNew,
                           @Schema(name = CONFIRM_FIELD, required = true, description = "The same again") String passwordConfirm) {
    }

    /** The body of a REST completion. */
    public record CompleteBody(@Schema(required = true, description = "The token parameter of the emailed link") String token,
                               @Schema(required = true, description = "Checked against the realm's password policy")
                               String newPassword) {
    }

    private static final String PAGE_PATH = "complete/page";
    /** Keycloak's update-password page without "Sign out from other devices": completing signs out everywhere anyway. */
    private static final String UPDATE_PASSWORD_PAGE = "invite-only-update-password.ftl";

    /** Field names of Keycloak's update-password page. */
    private static final String NEW_PASSWORD_FIELD = "password-new";
    private static final String CONFIRM_FIELD = "password-confirm";

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
    @APIResponse(responseCode = "415", description = ApiTags.UNSUPPORTED_MEDIA_TYPE)
    public Response request(String body) {
        RealmCors.forAnyRealmOrigin(session);
        String email = EmailAddresses.normalize(
                JsonBody.parse(body, Set.of("email")).requiredText("email", EmailAddresses.MAX_LENGTH));
        if (!EmailValidationUtil.isValidEmail(email)) {
            throw ApiException.badRequest("email", "must be a valid email address");
        }
        new ResetRequests(session, session.getContext().getRealm())
                .request(email, session.getContext().getConnection().getRemoteAddr(), null,
                        session.getContext().getRequestHeaders().getHeaderString(HttpHeaders.USER_AGENT));
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
    @APIResponse(responseCode = "415", description = ApiTags.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "410", description = "The link was used already or has expired")
    @APIResponse(responseCode = "409", description = "The link does not work yet: the realm's cooling-off after the approval")
    public Response complete(String body) {
        RealmCors.forAnyRealmOrigin(session);
        JsonBody json = JsonBody.parse(body, Set.of("token", "newPassword"));
        String token = json.requiredText("token", 256);
        String newPassword = json.requiredSecret("newPassword", 1024);
        completion().complete(token, newPassword);
        return Response.noContent().build();
    }

    /** The link in the approval email: a page to choose the new password, or a page saying why not. */
    @GET
    @Path("complete")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The link in the approval email",
            description = "A page to choose the new password (Keycloak's own, in the realm's login theme). It posts to "
                    + "complete/page; the link works until a password is set with it." + ApiTags.PUBLIC)
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "303", description = "A malformed token: on to the same page without it")
    @APIResponse(responseCode = "400", description = "A page: the link is not valid", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "410", description = "A page: the link was used or has expired",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "409", description = "A page: the link works only from the time it names (a cooling-off)",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response openLink(@Parameter(description = "From the approval email", required = true) @QueryParam("token") String token) {
        if (!SecretToken.isWellFormed(token)) {
            return withoutToken(token);
        }
        try {
            completion().checkLink(token);
            return passwordPage(token, null);
        } catch (ApiException e) {
            return linkUnusable(e, token);
        }
    }

    /** The page again, e.g. in another language (Keycloak's language menu links to the form's own address). */
    @GET
    @Path(PAGE_PATH)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The approval email's page, again",
            description = "The same as the emailed link; the page's language menu leads here." + ApiTags.PUBLIC)
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "303", description = "A malformed token: on to the page without it")
    @APIResponse(responseCode = "400", description = "A page: the link is not valid", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "410", description = "A page: the link was used or has expired",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "409", description = "A page: the link works only from the time it names (a cooling-off)",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response reopenPage(@Parameter(description = "From the approval email", required = true) @QueryParam("token") String token) {
        return openLink(token);
    }

    /** The page's form: the new password twice. A path of its own: one OpenAPI operation per path and method. */
    @POST
    @Path(PAGE_PATH)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The approval email's page, submitted",
            description = "Sets the new password as the JSON call does; answers with a page that links to sign-in, the form "
                    + "again with Keycloak's message, or a page saying why the link cannot be used." + ApiTags.PUBLIC)
    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(required = true, description = "The page's two fields",
            content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @Schema(implementation = PageForm.class),
                    examples = @ExampleObject(name = "form",
                    value = "password-new=New-Passw0rd%212&password-confirm=New-Passw0rd%212")))
    @APIResponse(responseCode = "200", description = "Done, or the form again with what to correct",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "303", description = "A malformed or missing token: on to the emailed link's page without it")
    @APIResponse(responseCode = "400", description = "A page: the link is not valid", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "415", description = ApiTags.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "410", description = "A page: the link was used or has expired",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "409", description = "A page: the link works only from the time it names (a cooling-off)",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response submitPage(@Parameter(description = "From the approval email", required = true) @QueryParam("token") String token,
                               String body) {
        if (!SecretToken.isWellFormed(token)) {
            return Response.seeOther(ResetLinks.address(session).build(session.getContext().getRealm().getName())).build();
        }
        ResetCompletion resets = completion();
        Optional<Map<String, String>> fields = FormFields.parse(body);
        Map<String, String> form = fields.orElse(Map.of());
        String password = form.get(NEW_PASSWORD_FIELD);
        try {
            resets.checkLink(token);
            if (fields.isEmpty()) {
                return passwordPage(token, new FormMessage(null, Messages.INVALID_REQUEST));
            }
            if (password == null || password.isEmpty()) {
                return passwordPage(token, new FormMessage(Validation.FIELD_PASSWORD, Messages.MISSING_PASSWORD));
            }
            if (!password.equals(form.get(CONFIRM_FIELD))) {
                return passwordPage(token, new FormMessage(Validation.FIELD_PASSWORD_CONFIRM, Messages.NOTMATCH_PASSWORD));
            }
            resets.complete(token, password);
        } catch (ApiException e) {
            // The policy's message, already in the user's language, under the field; anything else ends the link.
            return "newPassword".equals(e.body().field())
                    ? passwordPage(token, new FormMessage(Validation.FIELD_PASSWORD, e.body().description()))
                    : linkUnusable(e, token);
        }
        return Pages.message(session, Response.Status.OK, "inviteOnlyResetDoneTitle", "inviteOnlyResetDone",
                resets.signInPage(token));
    }

    /** The owner's "This wasn't me: cancel it" link from the notice of a request. */
    @Path("cancel")
    public PasswordResetCancelResource cancel() {
        return new PasswordResetCancelResource(session);
    }

    private ResetCompletion completion() {
        return new ResetCompletion(session, session.getContext().getRealm());
    }

    /** Keycloak's update-password page, posting to {@link #submitPage} with the token. */
    private Response passwordPage(String token, FormMessage error) {
        LoginFormsProvider page = Pages.form(session)
                .setActionUri(ResetLinks.address(session).path(PAGE_PATH.substring("complete".length())).queryParam("token", token)
                        .build(session.getContext().getRealm().getName()));
        if (error != null) {
            page.addError(error);
        }
        return page.createForm(UPDATE_PASSWORD_PAGE);
    }

    private Response linkUnusable(ApiException e, String token) {
        return switch (e.body().error()) {
            case ResetCompletion.LINK_USED -> Pages.message(session, Response.Status.GONE, "inviteOnlyResetLinkTitle",
                    "inviteOnlyResetLinkUsed", null);
            case ResetCompletion.LINK_EXPIRED -> Pages.message(session, Response.Status.GONE, "inviteOnlyResetLinkTitle",
                    "inviteOnlyResetLinkExpired", null);
            case ResetCompletion.LINK_NOT_YET -> Pages.message(Pages.form(session), Response.Status.CONFLICT,
                    "inviteOnlyResetLinkTitle", "inviteOnlyResetLinkNotYet", null, completion().validFrom(token)
                            .map(from -> LocalizedTimes.format(from, session.getContext().resolveLocale(null))).orElse(""));
            default -> Pages.message(session, Response.Status.BAD_REQUEST, "inviteOnlyResetLinkTitle",
                    "inviteOnlyResetLinkInvalid", null);
        };
    }

    private Response withoutToken(String token) {
        return token == null ? linkUnusable(invalidLink(), null) : Pages.withoutQuery(session);
    }

    private static ApiException invalidLink() {
        return ApiException.badRequest("token", "is required");
    }
}
