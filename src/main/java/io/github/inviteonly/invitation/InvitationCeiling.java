package io.github.inviteonly.invitation;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * May this caller write this invitation? The one rule for every change to an existing invitation (resend,
 * revoke, and any later one): only a caller who could have put everything it carries on it. Otherwise a
 * director could withdraw or re-issue an invitation that grants {@code admin}, which someone above them made.
 */
final class InvitationCeiling {

    private InvitationCeiling() {
    }

    /**
     * Why the caller may not {@code action} an invitation carrying these roles and group paths, naming the
     * first one beyond their ceiling; empty when they may.
     */
    static Optional<String> refusal(String action, List<String> roles, List<String> groups,
                                    Predicate<String> mayGrantRole, Predicate<String> mayGrantGroup) {
        return roles.stream().filter(mayGrantRole.negate()).findFirst()
                .map(role -> "You may not " + action + " an invitation that grants the role '" + role + "'")
                .or(() -> groups.stream().filter(mayGrantGroup.negate()).findFirst()
                        .map(group -> "You may not " + action + " an invitation that adds members to the group '" + group + "'"));
    }
}
