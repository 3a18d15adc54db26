package io.github.inviteonly.invitation;

import io.github.inviteonly.mail.EmailAddresses;

/**
 * Whether an account's address is the one an invitation was sent to: an invitation binds its address on
 * every path, and only that address counts as verified by the invitation (its link reached that mailbox).
 */
final class InvitedAddress {

    private InvitedAddress() {
    }

    /** Same mailbox, however it is spelled ({@code " Carol@X "} is {@code carol@x}); no address is never a match. */
    static boolean matches(String invited, String email) {
        return invited != null && email != null && !email.isBlank()
                && EmailAddresses.normalize(invited).equals(EmailAddresses.normalize(email));
    }

    /** No address at all: the identity provider sent none, so the invited one may be filled in. */
    static boolean isMissing(String email) {
        return email == null || email.isBlank();
    }
}
