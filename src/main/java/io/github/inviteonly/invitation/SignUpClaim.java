package io.github.inviteonly.invitation;

import java.util.Optional;

/**
 * Which invitation a sign-up is for, as a registration ticket or a login-session note carries it. It is
 * bound to the token it was minted from (by the token's hash, never the token): a resend issues a new token
 * and so ends every claim made with the old one, as it ends the old link.
 */
record SignUpClaim(String invitationId, String tokenHash) {

    private static final char SEPARATOR = ':';

    static SignUpClaim of(InvitationEntity invitation) {
        return new SignUpClaim(invitation.getId(), invitation.getTokenHash());
    }

    /** The claim as stored text; empty for anything else (e.g. a bare id, as notes held before claims were bound). */
    static Optional<SignUpClaim> parse(String text) {
        int separator = text == null ? -1 : text.indexOf(SEPARATOR);
        if (separator <= 0 || separator == text.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new SignUpClaim(text.substring(0, separator), text.substring(separator + 1)));
    }

    String text() {
        return invitationId + SEPARATOR + tokenHash;
    }

    /** Whether the invitation is the one claimed and still has the token the claim was made with. */
    boolean holdsFor(InvitationEntity invitation) {
        return invitationId.equals(invitation.getId()) && tokenHash.equals(invitation.getTokenHash());
    }
}
