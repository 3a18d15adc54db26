package io.github.inviteonly.reset;

import java.util.Map;

import io.github.inviteonly.mail.EmailDelivery;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A password-reset request as the admin API shows it. Deliberately has no token and no link: whoever
 * reads the list must not be able to set someone else's password.
 */
public record PasswordResetRepresentation(
        String id,
        String userId,
        String username,
        String email,
        PasswordResetStatus status,
        long requestedAt,
        String requestIp,
        String clientId,
        long expiresAt,
        Long decidedAt,
        Decider decidedBy,
        DecisionChannel decidedVia,
        String reason,
        EmailDelivery emailDelivery,
        Long completedAt,
        @Schema(description = "How many requests the user made in the last 30 days, this one included")
        long requestsLast30Days,
        @Schema(description = "The last attempt to decide this request that was refused (e.g. a Credential reset in "
                + "Keycloak's console on one's own request); absent if none")
        Refusal lastRefusal,
        @Schema(description = "The browser (User-Agent) the request came from, cut to 255 characters; absent when none was sent")
        String userAgent,
        @Schema(description = "When the owner cancelled the request with the link of the notice they got (status CANCELLED)")
        Long cancelledAt,
        @Schema(description = "From when the approved link works: the approval plus the realm's cooling-off "
                + "(inviteOnly.passwordReset.coolingOffSeconds); absent before approval")
        Long linkValidFrom) {

    /** The window of {@code requestsLast30Days}. */
    static final long RECENT_WINDOW_MILLIS = 30L * 24 * 3600 * 1000;

    /** Who approved or rejected; kept as written even if that user is deleted later. */
    public record Decider(String id, String username) {
    }

    /** A refused attempt to decide: by whom, when, why (the error the caller got), through which door. */
    public record Refusal(Decider by, long at, String reason, DecisionChannel via) {
    }

    /** This request with how its email went, when it was sent after the commit. */
    public PasswordResetRepresentation delivered(Map<String, EmailDelivery> outcomes) {
        EmailDelivery outcome = outcomes.getOrDefault(id, emailDelivery);
        return new PasswordResetRepresentation(id, userId, username, email, status, requestedAt, requestIp, clientId,
                expiresAt, decidedAt, decidedBy, decidedVia, reason, outcome, completedAt, requestsLast30Days, lastRefusal,
                userAgent, cancelledAt, linkValidFrom);
    }

    /** @param recentRequests the user's requests in the last 30 days */
    static PasswordResetRepresentation of(PasswordResetEntity e, long now, long recentRequests) {
        Decider decider = e.getDecidedById() == null ? null : new Decider(e.getDecidedById(), e.getDecidedByUsername());
        Refusal refusal = e.getRefusedAt() == null ? null : new Refusal(
                e.getRefusedById() == null ? null : new Decider(e.getRefusedById(), e.getRefusedByUsername()),
                e.getRefusedAt(), e.getRefusalReason(), e.getRefusedVia());
        return new PasswordResetRepresentation(e.getId(), e.getUserId(), e.getUsername(), e.getEmail(),
                e.effectiveStatus(now), e.getRequestedAt(), e.getRequestIp(), e.getClientId(), e.getExpiresAt(),
                e.getDecidedAt(), decider, e.getDecidedVia(), e.getReason(), e.getEmailDelivery(), e.getCompletedAt(),
                recentRequests, refusal, e.getUserAgent(), e.getCancelledAt(), e.getLinkValidFrom());
    }
}
