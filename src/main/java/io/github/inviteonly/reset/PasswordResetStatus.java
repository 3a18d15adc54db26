package io.github.inviteonly.reset;

/**
 * Where a password-reset request stands. A PENDING or APPROVED request whose time has run out is shown
 * as EXPIRED at once; a periodic sweep later stores EXPIRED and takes the user out of the queue group.
 */
public enum PasswordResetStatus {
    PENDING, APPROVED, REJECTED, COMPLETED, EXPIRED;

    boolean isOpen() {
        return this == PENDING || this == APPROVED;
    }
}
