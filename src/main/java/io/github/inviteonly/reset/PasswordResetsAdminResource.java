package io.github.inviteonly.reset;

import java.util.List;
import java.util.Set;

import io.github.inviteonly.docs.ApiTags;
import io.github.inviteonly.http.ApiException;
import io.github.inviteonly.http.JsonBody;
import io.github.inviteonly.http.QueryParams;
import io.github.inviteonly.mail.Outbox;
import io.github.inviteonly.settings.RealmSettings;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * {@code /admin/realms/{realm}/invite-only/password-resets}: Keycloak has authenticated the caller;
 * this checks permissions, calls {@link ResetDecisions} and records admin events (the approver is
 * in each event's auth details).
 */
@Tag(name = ApiTags.RESETS_ADMIN)
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "oidc")
public class PasswordResetsAdminResource {

    /** The optional body of {@code reject}. */
    public record RejectBody(@Schema(maxLength = MAX_REASON, description = "Sent to the user and kept in the record")
                             String reason) {
    }

    /** The optional body of {@code approve}. */
    public record ApproveBody(@Schema(description = "How long the emailed link works, in seconds from now; within the "
            + "realm's bounds (GET options); the realm's link lifetime when absent") Long expiresInSeconds) {
    }

    /** What an approver may choose: the link lifetime's default and bounds, in seconds. */
    public record Options(long linkLifetimeSeconds, long minLinkLifetimeSeconds, long maxLinkLifetimeSeconds) {
    }

    /** Asks for a reset that a limit dropped in the last hour, by limit; an ask over both limits counts for both. */
    public record DroppedAsks(@Schema(description = "Dropped by the limit per address (maxRequestsPerAddress)") long perAddress,
                              @Schema(description = "Dropped by the limit per client IP (maxRequestsPerIp)") long perIp,
                              @Schema(description = "The period counted, in seconds back from now (3600)") long periodSeconds) {
    }

    /** Resource type of our admin events. */
    public static final String RESOURCE_TYPE = "PASSWORD_RESET";

    static final int MAX_REASON = 1000;

    private final KeycloakSession session;
    private final PasswordResetPermissions permissions;
    private final AdminEventBuilder adminEvent;
    private final ResetDecisions service;

    /** @param permissions the caller's, already checked for deciding requests (at the locator) */
    public PasswordResetsAdminResource(KeycloakSession session, PasswordResetPermissions permissions, AdminEventBuilder adminEvent) {
        this.session = session;
        this.permissions = permissions;
        this.adminEvent = adminEvent.resource(RESOURCE_TYPE);
        this.service = new ResetDecisions(session, session.getContext().getRealm());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List password-reset requests",
            description = "Newest first, paged in the database. Never includes a token or link." + ApiTags.APPROVE_RESETS)
    @APIResponse(responseCode = "200", description = "A page of requests")
    @APIResponse(responseCode = "400", description = ApiTags.BAD_REQUEST)
    @APIResponse(responseCode = "401", description = ApiTags.UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = ApiTags.FORBIDDEN)
    public List<PasswordResetRepresentation> list(
            @Parameter(description = "PENDING, APPROVED, REJECTED, COMPLETED, EXPIRED or CANCELLED") @QueryParam("status") String status,
            @Parameter(description = "newest-first (the default) or pending-first: requests waiting for a decision before "
                    + "all others, each part newest first") @QueryParam("order") String order,
            @Parameter(description = "Offset, default 0", schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("first") String first,
            @Parameter(description = "Page size, 1 to 1000, default 100", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000")) @QueryParam("max") String max) {
        return service.list(QueryParams.oneOf(PasswordResetStatus.class, "status", status), pendingFirst(order),
                QueryParams.first(first), QueryParams.max(max));
    }

    @GET
    @Path("count")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Count password-reset requests", description = "Optionally by status." + ApiTags.APPROVE_RESETS)
    @APIResponse(responseCode = "200", description = "The number of matching requests")
    @APIResponse(responseCode = "400", description = ApiTags.BAD_REQUEST)
    @APIResponse(responseCode = "401", description = ApiTags.UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = ApiTags.FORBIDDEN)
    public long count(@Parameter(description = "PENDING, APPROVED, REJECTED, COMPLETED, EXPIRED or CANCELLED")
                      @QueryParam("status") String status) {
        return service.count(QueryParams.oneOf(PasswordResetStatus.class, "status", status));
    }

    @GET
    @Path("count/dropped")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Count asks dropped by the limits",
            description = "How many asks for a reset the limits dropped in the last hour, per address and per client IP: "
                    + "the caller was answered as usual and nothing was recorded or emailed." + ApiTags.APPROVE_RESETS)
    @APIResponse(responseCode = "200", description = "The dropped asks of the last hour, by limit")
    @APIResponse(responseCode = "401", description = ApiTags.UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = ApiTags.FORBIDDEN)
    public DroppedAsks dropped() {
        ResetThrottle.Drops drops = ResetThrottle.dropsLastHour(session, session.getContext().getRealm().getId());
        return new DroppedAsks(drops.perAddress(), drops.perIp(), ResetThrottle.DROPS_MINUTES * 60L);
    }

    @GET
    @Path("options")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What an approver may choose",
            description = "The link lifetime an approval gives by default, and the bounds of expiresInSeconds." + ApiTags.APPROVE_RESETS)
    @APIResponse(responseCode = "200", description = "The link lifetime's default and bounds, in seconds")
    @APIResponse(responseCode = "401", description = ApiTags.UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = ApiTags.FORBIDDEN)
    public Options options() {
        RealmSettings settings = new RealmSettings(session.getContext().getRealm());
        return new Options(settings.resetLinkLifetimeSeconds(), settings.resetMinLinkLifetimeSeconds(),
                settings.resetMaxLinkLifetimeSeconds());
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get a password-reset request", description = "Never includes a token or link." + ApiTags.APPROVE_RESETS)
    @APIResponse(responseCode = "200", description = "The request")
    @APIResponse(responseCode = "401", description = ApiTags.UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = ApiTags.FORBIDDEN)
    @APIResponse(responseCode = "404", description = "No such request in this realm")
    public PasswordResetRepresentation get(@PathParam("id") String id) {
        return service.get(id);
    }

    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve a password-reset request",
            description = "Counts the caller's approval. A privileged account's request (approvalsRequired 2) needs two "
                    + "different approvers: the first approval is recorded in approvals, the request stays PENDING and "
                    + "nothing is sent. The last approval needed emails the user a single-use link that works for the "
                    + "realm's link lifetime from now, or for expiresInSeconds if the body gives it (within the bounds "
                    + "that GET options shows). Nobody approves their own request, nor the same one twice."
                    + ApiTags.APPROVE_RESETS)
    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApproveBody.class),
                    examples = @ExampleObject(name = "approve", value = "{\"expiresInSeconds\": 3600}")))
    @APIResponse(responseCode = "200", description = "The request: APPROVED, with emailDelivery; or still PENDING with "
            + "the caller's approval in approvals, when another approver must approve too")
    @APIResponse(responseCode = "400", description = ApiTags.BAD_REQUEST + ", or expiresInSeconds out of bounds")
    @APIResponse(responseCode = "415", description = ApiTags.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "401", description = ApiTags.UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = ApiTags.FORBIDDEN + ", or it is the caller's own request")
    @APIResponse(responseCode = "404", description = "No such request in this realm")
    @APIResponse(responseCode = "409", description = "The request is not pending, its user no longer exists, the caller "
            + "approved it already (already_approved), or the account's address is no longer the one the request was made "
            + "for (email_changed)")
    public PasswordResetRepresentation approve(@PathParam("id") String id, String body) {
        // No body, or a JSON null (what some clients send for none), keeps the realm's link lifetime.
        Long lifetime = body == null || body.isBlank() || "null".equals(body.trim()) ? null
                : JsonBody.parse(body, Set.of("expiresInSeconds")).optionalLong("expiresInSeconds");
        PasswordResetRepresentation request = service.approve(id, permissions, lifetime);
        adminEvent.operation(OperationType.ACTION).resourcePath(session.getContext().getUri()).representation(request).success();
        return request.delivered(Outbox.commitAndSend(session));
    }

    @POST
    @Path("{id}/resend")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send an approved request's link again",
            description = "For when the approval email did not arrive: a new single-use link (the earlier one stops "
                    + "working), valid for the realm's link lifetime from now, emailed to the user. Nobody re-sends their "
                    + "own." + ApiTags.APPROVE_RESETS)
    @APIResponse(responseCode = "200", description = "The request, APPROVED, with emailDelivery")
    @APIResponse(responseCode = "401", description = ApiTags.UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = ApiTags.FORBIDDEN + ", or it is the caller's own request")
    @APIResponse(responseCode = "404", description = "No such request in this realm")
    @APIResponse(responseCode = "409", description = "The request is not approved (any more), its user no longer exists, or the "
            + "account's address is no longer the one the request was made for (error `email_changed`)")
    public PasswordResetRepresentation resend(@PathParam("id") String id) {
        PasswordResetRepresentation request = service.resend(id, permissions);
        adminEvent.operation(OperationType.ACTION).resourcePath(session.getContext().getUri()).representation(request).success();
        return request.delivered(Outbox.commitAndSend(session));
    }

    /** The body is optional: {@code {"reason": "..."}}; the reason goes to the user and into the record. */
    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reject a password-reset request",
            description = "Emails the user, with the reason if one is given. Nobody rejects their own request." + ApiTags.APPROVE_RESETS)
    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RejectBody.class),
                    examples = @ExampleObject(name = "reject", value = "{\"reason\": \"Please call the help desk first.\"}")))
    @APIResponse(responseCode = "200", description = "The request, REJECTED")
    @APIResponse(responseCode = "400", description = ApiTags.BAD_REQUEST)
    @APIResponse(responseCode = "415", description = ApiTags.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "401", description = ApiTags.UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = ApiTags.FORBIDDEN + ", or it is the caller's own request")
    @APIResponse(responseCode = "404", description = "No such request in this realm")
    @APIResponse(responseCode = "409", description = "The request is not pending, or its user no longer exists")
    public PasswordResetRepresentation reject(@PathParam("id") String id, String body) {
        String reason = body == null || body.isBlank() ? null
                : JsonBody.parse(body, Set.of("reason")).optionalText("reason", MAX_REASON);
        PasswordResetRepresentation request = service.reject(id, permissions, reason);
        adminEvent.operation(OperationType.ACTION).resourcePath(session.getContext().getUri()).representation(request).success();
        return request.delivered(Outbox.commitAndSend(session));
    }

    private static boolean pendingFirst(String order) {
        if (order == null || order.isBlank() || "newest-first".equals(order.trim())) {
            return false;
        }
        if ("pending-first".equals(order.trim())) {
            return true;
        }
        throw ApiException.badRequest("order", "must be newest-first or pending-first");
    }
}
