package io.github.inviteonly.reset;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.inviteonly.http.ApiException;
import io.github.inviteonly.http.JsonBody;
import io.github.inviteonly.http.Paging;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/invite-only/password-resets}: Keycloak has authenticated the caller;
 * this checks permissions, calls {@link PasswordResetService} and records admin events (the approver is
 * in each event's auth details).
 */
public class PasswordResetsAdminResource {

    /** Resource type of our admin events. */
    public static final String RESOURCE_TYPE = "PASSWORD_RESET";

    static final int MAX_REASON = 1000;

    private final PasswordResetPermissions permissions;
    private final AdminEventBuilder adminEvent;
    private final PasswordResetService service;

    public PasswordResetsAdminResource(KeycloakSession session, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.permissions = new PasswordResetPermissions(auth);
        this.adminEvent = adminEvent.resource(RESOURCE_TYPE);
        this.service = new PasswordResetService(session, session.getContext().getRealm());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<PasswordResetRepresentation> list(@QueryParam("status") String status, @QueryParam("first") Integer first,
                                                  @QueryParam("max") Integer max) {
        permissions.requireApprover();
        return service.list(status(status), Paging.first(first), Paging.max(max));
    }

    @GET
    @Path("count")
    @Produces(MediaType.APPLICATION_JSON)
    public long count(@QueryParam("status") String status) {
        permissions.requireApprover();
        return service.count(status(status));
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public PasswordResetRepresentation get(@PathParam("id") String id) {
        permissions.requireApprover();
        return service.get(id);
    }

    @POST
    @Path("{id}/approve")
    @Produces(MediaType.APPLICATION_JSON)
    public PasswordResetRepresentation approve(@PathParam("id") String id) {
        permissions.requireApprover();
        PasswordResetRepresentation request = service.approve(id, permissions.caller());
        adminEvent.operation(OperationType.ACTION).resourcePath(path(id + "/approve")).representation(request).success();
        return request;
    }

    /** The body is optional: {@code {"reason": "..."}}; the reason goes to the user and into the record. */
    @POST
    @Path("{id}/reject")
    @Produces(MediaType.APPLICATION_JSON)
    public PasswordResetRepresentation reject(@PathParam("id") String id, String body) {
        permissions.requireApprover();
        String reason = body == null || body.isBlank() ? null
                : JsonBody.parse(body, Set.of("reason")).optionalText("reason", MAX_REASON);
        PasswordResetRepresentation request = service.reject(id, permissions.caller(), reason);
        adminEvent.operation(OperationType.ACTION).resourcePath(path(id + "/reject")).representation(request).success();
        return request;
    }

    private static String path(String tail) {
        return "invite-only/password-resets/" + tail;
    }

    private static PasswordResetStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return PasswordResetStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("status", "must be one of PENDING, APPROVED, REJECTED, COMPLETED, EXPIRED");
        }
    }
}
