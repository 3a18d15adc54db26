package io.github.inviteonly.invitation;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.docs.ApiTags;
import io.github.inviteonly.http.ApiException;
import io.github.inviteonly.http.JsonBody;
import io.github.inviteonly.http.QueryParams;
import io.github.inviteonly.mail.EmailAddresses;
import io.github.inviteonly.mail.EmailDelivery;
import io.github.inviteonly.mail.Outbox;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * {@code /admin/realms/{realm}/invite-only/invitations}: Keycloak has authenticated the caller; this
 * checks permissions, calls {@link InvitationService} and records admin events.
 */
@Tag(name = ApiTags.INVITATIONS_ADMIN)
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "oidc")
public class InvitationsAdminResource {

    /** The body of {@code bulk}. */
    public record BulkRequest(@Schema(required = true, maxItems = MAX_BULK) List<InvitationRequest> invitations) {
    }

    /** The answer of {@code bulk}: one result per item, in request order. */
    public record BulkResponse(int requested, long created, List<BulkResult> results) {
    }

    /** Resource type of our admin events (Keycloak's admin events accept custom types). */
    public static final String RESOURCE_TYPE = "INVITATION";

    static final int MAX_BULK = 500;

    private static final String EMAIL_DELIVERY = "PENDING (not yet sent: the sweep sends an email again once it has waited "
            + "longer than the realm's inviteOnly.email.resendPendingAfterSeconds), SENT, FAILED (resend it) or NOT_REQUESTED";

    private final KeycloakSession session;
    private final InvitationPermissions permissions;
    private final AdminEventBuilder adminEvent;
    private final InvitationService service;

    /** @param permissions the caller's, already checked for viewing invitations (at the locator) */
    public InvitationsAdminResource(KeycloakSession session, InvitationPermissions permissions, AdminEventBuilder adminEvent) {
        this.session = session;
        this.permissions = permissions;
        this.adminEvent = adminEvent.resource(RESOURCE_TYPE);
        this.service = new InvitationService(session);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Invite a person",
            description = "Creates an invitation and (unless sendEmail is false) emails its link. Roles and groups are "
                    + "limited by the role ceiling. The answer never contains the token." + ApiTags.MANAGE_INVITATIONS)
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = InvitationRequest.class),
            examples = @ExampleObject(name = "invite", value = "{\"email\": \"ivy@example.org\", \"firstName\": \"Ivy\", \"roles\": [\"sales\"], \"groups\": [], \"expiresInSeconds\": 604800, \"clientId\": \"demo-app\", \"redirectUri\": \"http://localhost:3000/\", \"locale\": \"en\"}")))
    @APIResponse(responseCode = "201", description = "The invitation",
            content = @Content(schema = @Schema(implementation = InvitationRepresentation.class)))
    @APIResponse(responseCode = "400", description = ApiTags.BAD_REQUEST)
    @APIResponse(responseCode = "415", description = ApiTags.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "401", description = ApiTags.UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = ApiTags.FORBIDDEN + ", or a role or group above the ceiling")
    @APIResponse(responseCode = "409", description = "An open invitation or a user with this address exists")
    public Response create(String body) {
        permissions.requireManage();
        InvitationRepresentation invitation = service.create(InvitationRequest.parse(body), permissions);
        adminEvent.operation(OperationType.CREATE).resourcePath(session.getContext().getUri(), invitation.id()).representation(invitation).success();
        URI location = session.getContext().getUri().getAbsolutePathBuilder().path(invitation.id()).build();
        return Response.created(location).entity(invitation.delivered(Outbox.commitAndSend(session))).build();
    }

    @POST
    @Path("bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Invite many people",
            description = "Up to " + MAX_BULK + " invitations; each item succeeds or fails on its own. The answer comes as "
                    + "soon as the rows are committed, before the emails go out: an emailed item says emailDelivery PENDING, "
                    + "and its invitation shows SENT or FAILED once its email has gone out (a few at a time)."
                    + ApiTags.MANAGE_INVITATIONS)
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = BulkRequest.class),
            examples = @ExampleObject(name = "bulk", value = "{\"invitations\": [" + "{\"email\": \"ivy@example.org\", \"firstName\": \"Ivy\", \"roles\": [\"sales\"], \"groups\": [], \"expiresInSeconds\": 604800, \"clientId\": \"demo-app\", \"redirectUri\": \"http://localhost:3000/\", \"locale\": \"en\"}" + "]}")))
    @APIResponse(responseCode = "200", description = "One result per item")
    @APIResponse(responseCode = "400", description = ApiTags.BAD_REQUEST)
    @APIResponse(responseCode = "415", description = ApiTags.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "401", description = ApiTags.UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = ApiTags.FORBIDDEN)
    public BulkResponse createAll(String body) {
        permissions.requireManage();
        List<JsonNode> items =
                JsonBody.parse(body, Set.of("invitations")).requiredArray("invitations", MAX_BULK);
        List<BulkResult> results = service.createAll(items, permissions);
        long created = results.stream().filter(r -> "created".equals(r.result())).count();
        adminEvent.operation(OperationType.CREATE).resourcePath(session.getContext().getUri())
                .representation(Map.of("requested", results.size(), "created", created,
                        "ids", results.stream().filter(r -> r.invitation() != null).map(r -> r.invitation().id()).toList()))
                .success();
        return new BulkResponse(results.size(), created, results);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List invitations",
            description = "Newest first, filtered and paged in the database." + ApiTags.VIEW_INVITATIONS)
    @APIResponse(responseCode = "200", description = "A page of invitations")
    @APIResponse(responseCode = "400", description = ApiTags.BAD_REQUEST)
    @APIResponse(responseCode = "401", description = ApiTags.UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = ApiTags.FORBIDDEN)
    public List<InvitationRepresentation> list(@Parameter(description = "PENDING, ACCEPTED, REVOKED or EXPIRED") @QueryParam("status") String status,
                                               @Parameter(description = "Exact address") @QueryParam("email") String email,
                                               @Parameter(description = "Part of the address or a name") @QueryParam("search") String search,
                                               @Parameter(description = EMAIL_DELIVERY) @QueryParam("emailDelivery") String emailDelivery,
                                               @Parameter(description = "Offset, default 0", schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("first") String first,
                                               @Parameter(description = "Page size, 1 to 1000, default 100", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000")) @QueryParam("max") String max) {
        return service.list(query(status, email, search, emailDelivery), QueryParams.first(first), QueryParams.max(max));
    }

    @GET
    @Path("count")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Count invitations", description = "With the list's filters." + ApiTags.VIEW_INVITATIONS)
    @APIResponse(responseCode = "200", description = "The number of matching invitations")
    @APIResponse(responseCode = "400", description = ApiTags.BAD_REQUEST)
    @APIResponse(responseCode = "401", description = ApiTags.UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = ApiTags.FORBIDDEN)
    public long count(@QueryParam("status") String status, @QueryParam("email") String email,
                      @QueryParam("search") String search,
                      @Parameter(description = EMAIL_DELIVERY) @QueryParam("emailDelivery") String emailDelivery) {
        return service.count(query(status, email, search, emailDelivery));
    }

    @GET
    @Path("counts")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Count invitations by status",
            description = "Every status with its number, in one call; email, search and emailDelivery filter as in the list."
                    + ApiTags.VIEW_INVITATIONS)
    @APIResponse(responseCode = "200", description = "Each status with the number of matching invitations",
            content = @Content(examples = @ExampleObject(name = "counts",
                    value = "{\"PENDING\": 12, \"ACCEPTED\": 40, \"REVOKED\": 2, \"EXPIRED\": 5}")))
    @APIResponse(responseCode = "400", description = ApiTags.BAD_REQUEST)
    @APIResponse(responseCode = "401", description = ApiTags.UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = ApiTags.FORBIDDEN)
    public Map<InvitationStatus, Long> counts(@Parameter(description = "Exact address") @QueryParam("email") String email,
                                              @Parameter(description = "Part of the address or a name") @QueryParam("search") String search,
                                              @Parameter(description = EMAIL_DELIVERY) @QueryParam("emailDelivery") String emailDelivery) {
        return service.countByStatus(query(null, email, search, emailDelivery));
    }

    @GET
    @Path("options")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What the caller may put on an invitation",
            description = "For an invitation form: the realm roles and groups the caller may grant (the same ceiling as "
                    + "create), the clients an invitation may land on with their redirect URIs, the lifetime's default and "
                    + "bounds, and the realm's locales." + ApiTags.VIEW_INVITATIONS)
    @APIResponse(responseCode = "200", description = "The choices",
            content = @Content(schema = @Schema(implementation = InvitationOptions.class)))
    @APIResponse(responseCode = "401", description = ApiTags.UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = ApiTags.FORBIDDEN)
    public InvitationOptions options() {
        return service.options(permissions);
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get an invitation", description = "Never includes the token." + ApiTags.VIEW_INVITATIONS)
    @APIResponse(responseCode = "200", description = "The invitation")
    @APIResponse(responseCode = "401", description = ApiTags.UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = ApiTags.FORBIDDEN)
    @APIResponse(responseCode = "404", description = "No such invitation in this realm")
    public InvitationRepresentation get(@PathParam("id") String id) {
        return service.get(id);
    }

    /** Revokes: the invitation stays, with status REVOKED; its link stops working. */
    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke an invitation",
            description = "The invitation stays, with status REVOKED; its link, and any sign-up begun with it, stop working. "
                    + "Only within the role ceiling: the caller must be allowed to grant every role and group it carries."
                    + ApiTags.MANAGE_INVITATIONS)
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "401", description = ApiTags.UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = ApiTags.FORBIDDEN + ", or a role or group above the ceiling")
    @APIResponse(responseCode = "404", description = "No such invitation in this realm")
    @APIResponse(responseCode = "409", description = "Already accepted or revoked")
    public Response revoke(@PathParam("id") String id) {
        permissions.requireManage();
        InvitationRepresentation invitation = service.revoke(id, permissions);
        adminEvent.operation(OperationType.DELETE).resourcePath(session.getContext().getUri()).representation(invitation).success();
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/resend")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resend an invitation",
            description = "A new token and email; the old link stops working, and so does any registration page or sign-up "
                    + "begun with it; the expiry is renewed. Only within the role ceiling: the caller must be allowed to "
                    + "grant every role and group it carries." + ApiTags.MANAGE_INVITATIONS)
    @APIResponse(responseCode = "200", description = "The invitation")
    @APIResponse(responseCode = "401", description = ApiTags.UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = ApiTags.FORBIDDEN + ", or a role or group above the ceiling")
    @APIResponse(responseCode = "404", description = "No such invitation in this realm")
    @APIResponse(responseCode = "409", description = "Already accepted or revoked")
    public InvitationRepresentation resend(@PathParam("id") String id) {
        permissions.requireManage();
        InvitationRepresentation invitation = service.resend(id, permissions);
        adminEvent.operation(OperationType.ACTION).resourcePath(session.getContext().getUri()).representation(invitation).success();
        return invitation.delivered(Outbox.commitAndSend(session));
    }

    private static InvitationStore.Query query(String status, String email, String search, String emailDelivery) {
        InvitationStatus parsedStatus = QueryParams.oneOf(InvitationStatus.class, "status", status);
        EmailDelivery parsedDelivery = QueryParams.oneOf(EmailDelivery.class, "emailDelivery", emailDelivery);
        String normalizedEmail = email == null || email.isBlank() ? null : EmailAddresses.normalize(email);
        String trimmedSearch = search == null || search.isBlank() ? null : search.trim();
        for (String[] text : new String[][] {{"email", email}, {"search", search}}) {
            if (text[1] != null && text[1].indexOf('\u0000') >= 0) {
                throw ApiException.badRequest(text[0], "must not contain the NUL character");
            }
        }
        if (trimmedSearch != null && trimmedSearch.length() > 255) {
            throw ApiException.badRequest("search", "must be at most 255 characters");
        }
        return new InvitationStore.Query(parsedStatus, normalizedEmail, trimmedSearch, parsedDelivery);
    }
}
