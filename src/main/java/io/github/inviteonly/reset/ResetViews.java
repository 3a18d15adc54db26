package io.github.inviteonly.reset;

import java.util.List;
import java.util.Map;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Requests as the admin API shows them: with their count of recent requests, approvals, eligible approvers, and what
 * the account tells now (address, second factors).
 */
final class ResetViews {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PasswordResetStore store;
    private final ResetApprovals approvals;

    ResetViews(KeycloakSession session, RealmModel realm, PasswordResetStore store, ResetApprovals approvals) {
        this.session = session;
        this.realm = realm;
        this.store = store;
        this.approvals = approvals;
    }

    /** The rows as one page, in one query each for counts and approvals, and one look at the realm's approvers. */
    List<PasswordResetRepresentation> of(List<PasswordResetEntity> rows, long now) {
        List<String> userIds = rows.stream().map(PasswordResetEntity::getUserId).toList();
        Map<String, Long> recent = store.requestsSince(userIds, now - PasswordResetRepresentation.RECENT_WINDOW_MILLIS);
        Map<String, List<ResetApprovalEntity>> approved = approvals.of(rows.stream().map(PasswordResetEntity::getId).toList());
        boolean anyPending = rows.stream().anyMatch(r -> r.effectiveStatus(now) == PasswordResetStatus.PENDING);
        // Everyone who may approve, the requester included: each row leaves out its own.
        List<String> approvers = anyPending ? Approvers.of(session, realm, null).stream().map(UserModel::getId).toList() : List.of();
        return rows.stream().map(r -> {
            // What only the account tells now: its address (changed since?) and its second factors.
            UserModel user = session.users().getUserById(realm, r.getUserId());
            return PasswordResetRepresentation.of(r, now, recent.getOrDefault(r.getUserId(), 0L),
                    user == null ? null : user.getEmail(), user == null ? List.of() : ResetSignals.secondFactors(user),
                    approved.getOrDefault(r.getId(), List.of()),
                    r.effectiveStatus(now) == PasswordResetStatus.PENDING ? eligible(approvers, r.getUserId()) : null);
        }).toList();
    }

    PasswordResetRepresentation of(PasswordResetEntity row, long now) {
        return of(List.of(row), now).get(0);
    }

    private static int eligible(List<String> approvers, String requesterId) {
        return (int) approvers.stream().filter(id -> !id.equals(requesterId)).count();
    }
}
