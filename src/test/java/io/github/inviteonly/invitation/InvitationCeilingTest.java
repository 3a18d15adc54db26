package io.github.inviteonly.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class InvitationCeilingTest {

    private static final Set<String> DIRECTOR_ROLES = Set.of("director", "sales");
    private static final Set<String> DIRECTOR_GROUPS = Set.of("/team");

    private static Optional<String> refusal(String action, List<String> roles, List<String> groups) {
        return InvitationCeiling.refusal(action, roles, groups, DIRECTOR_ROLES::contains, DIRECTOR_GROUPS::contains);
    }

    @Test
    void aCallerMayWriteAnInvitationWithinTheirCeiling() {
        assertEquals(Optional.empty(), refusal("revoke", List.of("director", "sales"), List.of("/team")));
        assertEquals(Optional.empty(), refusal("resend", List.of(), List.of()));
    }

    @Test
    void aRoleBeyondTheCeilingIsNamedForEveryAction() {
        assertEquals(Optional.of("You may not revoke an invitation that grants the role 'admin'"),
                refusal("revoke", List.of("sales", "admin"), List.of()));
        assertEquals(Optional.of("You may not resend an invitation that grants the role 'admin'"),
                refusal("resend", List.of("admin"), List.of("/team")));
    }

    @Test
    void aGroupBeyondTheCeilingIsNamed() {
        assertEquals(Optional.of("You may not revoke an invitation that adds members to the group '/board'"),
                refusal("revoke", List.of("director"), List.of("/team", "/board")));
    }
}
