package io.github.inviteonly.invitation;

import java.util.List;
import java.util.Map;

import io.github.inviteonly.mail.EmailDelivery;

/**
 * An invitation as the admin API shows it. Deliberately has no token and no link: whoever reads the
 * list must not be able to accept someone else's invitation.
 */
public record InvitationRepresentation(
        String id,
        String email,
        String firstName,
        String lastName,
        List<String> roles,
        List<String> groups,
        InvitationStatus status,
        long createdAt,
        long expiresAt,
        Inviter invitedBy,
        Long acceptedAt,
        Long revokedAt,
        String userId,
        String clientId,
        String redirectUri,
        String locale,
        EmailDelivery emailDelivery) {

    /** Who created the invitation; kept as written even if that user is deleted later. */
    public record Inviter(String id, String username) {
    }

    /** This invitation with how its email went, when it was sent after the commit. */
    public InvitationRepresentation delivered(Map<String, EmailDelivery> outcomes) {
        EmailDelivery outcome = outcomes.getOrDefault(id, emailDelivery);
        return new InvitationRepresentation(id, email, firstName, lastName, roles, groups, status, createdAt, expiresAt,
                invitedBy, acceptedAt, revokedAt, userId, clientId, redirectUri, locale, outcome);
    }

    static InvitationRepresentation of(InvitationEntity e, long now) {
        Inviter inviter = e.getInvitedById() == null ? null : new Inviter(e.getInvitedById(), e.getInvitedByUsername());
        return new InvitationRepresentation(e.getId(), e.getEmail(), e.getFirstName(), e.getLastName(),
                JsonList.read(e.getRoles()), JsonList.read(e.getGroups()), e.effectiveStatus(now),
                e.getCreatedAt(), e.getExpiresAt(), inviter, e.getAcceptedAt(), e.getRevokedAt(), e.getUserId(),
                e.getClientId(), e.getRedirectUri(), e.getLocale(), e.getEmailDelivery());
    }
}
