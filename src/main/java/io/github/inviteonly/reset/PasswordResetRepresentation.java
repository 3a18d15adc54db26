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
        long requestsLast30Days) {

    /** The window of {@code requestsLast30Days}. */
    static final long RECENT_WINDOW_MILLIS = 30L * 24 * 3600 * 1000;

    /** Who approved or rejected; kept as written even if that user is deleted later. */
    public record Decider(String id, String username) {
    }

    /** This request with how its email went, when it was sent after the commit. */
    public PasswordResetRepresentation delivered(Map<String, EmailDelivery> outcomes) {
        EmailDelivery outcome = outcomes.getOrDefault(id, emailDelivery);
        return new PasswordResetRepresentation(id, userId, username, email, status, requestedAt, requestIp, clientId,
                expiresAt, decidedAt, decidedBy, decidedVia, reason, outcome, completedAt, requestsLast30Days);
    }

    /** @param recentRequests the user's requests in the last 30 days */
    static PasswordResetRepresentation of(PasswordResetEntity e, long now, long recentRequests) {
        Decider decider = e.getDecidedById() == null ? null : new Decider(e.getDecidedById(), e.getDecidedByUsername());
        return new PasswordResetRepresentation(e.getId(), e.getUserId(), e.getUsername(), e.getEmail(),
                e.effectiveStatus(now), e.getRequestedAt(), e.getRequestIp(), e.getClientId(), e.getExpiresAt(),
                e.getDecidedAt(), decider, e.getDecidedVia(), e.getReason(), e.getEmailDelivery(), e.getCompletedAt(),
                recentRequests);
    }
}
