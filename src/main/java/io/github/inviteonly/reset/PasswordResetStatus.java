package io.github.inviteonly.reset;

/**
 * Where a password-reset request stands. A PENDING or APPROVED request whose time has run out is shown
 * as EXPIRED at once; a periodic sweep later stores EXPIRED and takes the user out of the queue group.
 * CANCELLED: the owner said "this wasn't me" with the link of the notice we sent them.
 */
public enum PasswordResetStatus {
    PENDING, APPROVED, REJECTED, COMPLETED, EXPIRED, CANCELLED;

    boolean isOpen() {
        return this == PENDING || this == APPROVED;
    }
}
