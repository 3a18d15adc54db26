package io.github.inviteonly.invitation;

/** What a sign-up page needs to show for a valid invitation token. */
public record InvitationLookup(String email, String firstName, String lastName, long expiresAt, String realm) {
}
