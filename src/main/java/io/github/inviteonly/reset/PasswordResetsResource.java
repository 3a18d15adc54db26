package io.github.inviteonly.reset;

import java.util.Map;
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

/**
 * Public password-reset endpoints at {@code /realms/{realm}/invite-only/password-resets}: asking needs
 * nothing but an address; completing needs the token from the approval email.
 */
public class PasswordResetsResource extends PublicResource {

    /** The one answer to every well-formed request, whatever happens to it. */
    static final Map<String, String> ACCEPTED = Map.of("message",
            "If the address belongs to an account, an administrator will review the request."
                    + " Nothing is sent until it is approved.");

    public PasswordResetsResource(KeycloakSession session) {
        super(session);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
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
    public Response openLink(@QueryParam("token") String token) {
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
