package io.github.inviteonly.reset;

import io.github.inviteonly.invitation.EmailDelivery;

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

    static PasswordResetRepresentation of(PasswordResetEntity e, long now) {
        Decider decider = e.getDecidedById() == null ? null : new Decider(e.getDecidedById(), e.getDecidedByUsername());
        return new PasswordResetRepresentation(e.getId(), e.getUserId(), e.getUsername(), e.getEmail(),
                e.effectiveStatus(now), e.getRequestedAt(), e.getRequestIp(), e.getClientId(), e.getExpiresAt(),
                e.getDecidedAt(), decider, e.getDecidedVia(), e.getReason(), e.getEmailDelivery(), e.getCompletedAt());
    }
}
