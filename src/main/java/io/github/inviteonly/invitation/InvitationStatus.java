package io.github.inviteonly.invitation;

/**
 * Where an invitation stands. EXPIRED is never stored: a PENDING row whose expiry has passed is shown
 * and filtered as EXPIRED, so no background job is needed to keep it true.
 */
public enum InvitationStatus {
    PENDING, ACCEPTED, REVOKED, EXPIRED
}
