package io.github.inviteonly.reset;

import java.util.Map;

import io.github.inviteonly.mail.EmailDelivery;

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
        Long completedAt) {

    /** Who approved or rejected; kept as written even if that user is deleted later. */
    public record Decider(String id, String username) {
    }

    /** This request with how its email went, when it was sent after the commit. */
    public PasswordResetRepresentation delivered(Map<String, EmailDelivery> outcomes) {
        EmailDelivery outcome = outcomes.getOrDefault(id, emailDelivery);
        return new PasswordResetRepresentation(id, userId, username, email, status, requestedAt, requestIp, clientId,
                expiresAt, decidedAt, decidedBy, decidedVia, reason, outcome, completedAt);
    }

    static PasswordResetRepresentation of(PasswordResetEntity e, long now) {
        Decider decider = e.getDecidedById() == null ? null : new Decider(e.getDecidedById(), e.getDecidedByUsername());
        return new PasswordResetRepresentation(e.getId(), e.getUserId(), e.getUsername(), e.getEmail(),
                e.effectiveStatus(now), e.getRequestedAt(), e.getRequestIp(), e.getClientId(), e.getExpiresAt(),
                e.getDecidedAt(), decider, e.getDecidedVia(), e.getReason(), e.getEmailDelivery(), e.getCompletedAt());
    }
}
