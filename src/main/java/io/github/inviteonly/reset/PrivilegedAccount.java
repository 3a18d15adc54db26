package io.github.inviteonly.reset;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a reset request is for a privileged account, and why: an account whose takeover hurts more
 * needs two approvers. Decided over plain values when the request is recorded.
 *
 * @param heldRoles the privileged roles the account holds, as configured names ({@code realm-admin},
 *                  {@code clientId/role}, a realm role's name)
 * @param emailChangedAt the account's last address change seen by the extension, epoch ms; null when unknown
 * @param requestedAt when the request was made, epoch ms
 * @param recentEmailChangeSeconds how recent an address change makes the request privileged; 0 turns it off
 */
public record PrivilegedAccount(List<String> heldRoles, Long emailChangedAt, long requestedAt, long recentEmailChangeSeconds) {

    /** The reason given when the account's address changed shortly before the request. */
    public static final String RECENT_EMAIL_CHANGE = "recent_email_change";

    /** Why the account is privileged ({@code role:realm-admin}, {@code recent_email_change}); empty when it is not. */
    public List<String> reasons() {
        List<String> reasons = new ArrayList<>();
        heldRoles.forEach(role -> reasons.add("role:" + role));
        if (emailChangedRecently()) {
            reasons.add(RECENT_EMAIL_CHANGE);
        }
        return reasons;
    }

    public boolean privileged() {
        return !reasons().isEmpty();
    }

    private boolean emailChangedRecently() {
        return emailChangedAt != null && recentEmailChangeSeconds > 0
                && requestedAt - emailChangedAt <= recentEmailChangeSeconds * 1000;
    }
}
