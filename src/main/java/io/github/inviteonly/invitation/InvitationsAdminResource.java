package io.github.inviteonly.invitation;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.http.ApiException;
import io.github.inviteonly.http.JsonBody;
import io.github.inviteonly.http.Paging;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/invite-only/invitations}: Keycloak has authenticated the caller; this
 * checks permissions, calls {@link InvitationService} and records admin events.
 */
public class InvitationsAdminResource {

    /** Resource type of our admin events (Keycloak's admin events accept custom types). */
    public static final String RESOURCE_TYPE = "INVITATION";

    static final int MAX_BULK = 500;

    private final KeycloakSession session;
    private final InvitationPermissions permissions;
    private final AdminEventBuilder adminEvent;
    private final InvitationService service;

    public InvitationsAdminResource(KeycloakSession session, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.permissions = new InvitationPermissions(auth);
        this.adminEvent = adminEvent.resource(RESOURCE_TYPE);
        this.service = new InvitationService(session);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        permissions.requireManage();
        InvitationRepresentation invitation = service.create(InvitationRequest.parse(body), permissions);
        adminEvent.operation(OperationType.CREATE).resourcePath(path(invitation.id())).representation(invitation).success();
        URI location = session.getContext().getUri().getAbsolutePathBuilder().path(invitation.id()).build();
        return Response.created(location).entity(invitation).build();
    }

    @POST
    @Path("bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> createAll(String body) {
        permissions.requireManage();
        List<JsonNode> items =
                JsonBody.parse(body, Set.of("invitations")).requiredArray("invitations", MAX_BULK);
        List<BulkResult> results = service.createAll(items, permissions);
        long created = results.stream().filter(r -> "created".equals(r.result())).count();
        adminEvent.operation(OperationType.CREATE).resourcePath(path("bulk"))
                .representation(Map.of("requested", results.size(), "created", created,
                        "ids", results.stream().filter(r -> r.invitation() != null).map(r -> r.invitation().id()).toList()))
                .success();
        return Map.of("requested", results.size(), "created", created, "results", results);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<InvitationRepresentation> list(@QueryParam("status") String status, @QueryParam("email") String email,
                                               @QueryParam("search") String search, @QueryParam("first") Integer first,
                                               @QueryParam("max") Integer max) {
        permissions.requireView();
        return service.list(query(status, email, search), Paging.first(first), Paging.max(max));
    }

    @GET
    @Path("count")
    @Produces(MediaType.APPLICATION_JSON)
    public long count(@QueryParam("status") String status, @QueryParam("email") String email,
                      @QueryParam("search") String search) {
        permissions.requireView();
        return service.count(query(status, email, search));
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public InvitationRepresentation get(@PathParam("id") String id) {
        permissions.requireView();
        return service.get(id);
    }

    /** Revokes: the invitation stays, with status REVOKED; its link stops working. */
    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        permissions.requireManage();
        InvitationRepresentation invitation = service.revoke(id);
        adminEvent.operation(OperationType.DELETE).resourcePath(path(id)).representation(invitation).success();
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/resend")
    @Produces(MediaType.APPLICATION_JSON)
    public InvitationRepresentation resend(@PathParam("id") String id) {
        permissions.requireManage();
        InvitationRepresentation invitation = service.resend(id, permissions);
        adminEvent.operation(OperationType.ACTION).resourcePath(path(id + "/resend")).representation(invitation).success();
        return invitation;
    }

    private static String path(String tail) {
        return "invite-only/invitations/" + tail;
    }

    private static InvitationStore.Query query(String status, String email, String search) {
        InvitationStatus parsedStatus = null;
        if (status != null && !status.isBlank()) {
            try {
                parsedStatus = InvitationStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("status", "must be one of PENDING, ACCEPTED, REVOKED, EXPIRED");
            }
        }
        String normalizedEmail = email == null || email.isBlank() ? null : InvitationRequest.normalizeEmail(email);
        String trimmedSearch = search == null || search.isBlank() ? null : search.trim();
        if (trimmedSearch != null && trimmedSearch.length() > 255) {
            throw ApiException.badRequest("search", "must be at most 255 characters");
        }
        return new InvitationStore.Query(parsedStatus, normalizedEmail, trimmedSearch);
    }
}
