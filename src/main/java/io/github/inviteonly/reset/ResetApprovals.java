package io.github.inviteonly.reset;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.inviteonly.http.ApiException;
import io.github.inviteonly.persistence.RealmStore;
import jakarta.persistence.PersistenceException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** The approvals of one realm's requests, and one more approval as {@link ApprovalCount} judges it. */
class ResetApprovals extends RealmStore<ResetApprovalEntity> {

    ResetApprovals(KeycloakSession session, String realmId) {
        super(session, realmId, ResetApprovalEntity.class, () -> ApiException.conflict("password_reset_busy",
                "The password-reset request is being changed by another request; try again", null));
    }

    /** The approvals of these requests, oldest first, by request id (requests without any are absent). */
    Map<String, List<ResetApprovalEntity>> of(Collection<String> requestIds) {
        if (requestIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("SELECT r FROM ResetApprovalEntity r WHERE r.realmId = :realmId AND r.requestId IN :ids"
                        + " ORDER BY r.approvedAt, r.id", ResetApprovalEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("ids", Set.copyOf(requestIds))
                .getResultList().stream()
                .collect(Collectors.groupingBy(ResetApprovalEntity::getRequestId));
    }

    List<ResetApprovalEntity> of(String requestId) {
        return of(List.of(requestId)).getOrDefault(requestId, List.of());
    }

    /**
     * What the approval of {@code approverId} would do, without recording it.
     *
     * @throws ApiException 409 {@code already_approved} when this approver approved it before
     */
    ApprovalCount.Outcome judge(PasswordResetEntity request, String approverId) {
        List<String> approvedBy = of(request.getId()).stream().map(ResetApprovalEntity::getApproverId).toList();
        return ApprovalCount.judge(approvedBy, ApprovalCount.required(request.isPrivileged()), approverId);
    }

    /**
     * Records one more approval of a pending request that this transaction holds locked.
     *
     * @return whether it was only recorded, or the last one needed
     * @throws ApiException 409 {@code already_approved} when this approver approved it before
     */
    ApprovalCount.Outcome approve(PasswordResetEntity request, UserModel approver, DecisionChannel via, long now) {
        String approverId = approver == null ? null : approver.getId();
        ApprovalCount.Outcome outcome = judge(request, approverId);
        ResetApprovalEntity row = new ResetApprovalEntity();
        row.setId(KeycloakModelUtils.generateId());
        row.setRealmId(realmId);
        row.setRequestId(request.getId());
        row.setApproverId(approverId);
        row.setApproverUsername(approver == null ? null : approver.getUsername());
        row.setApprovedAt(now);
        row.setVia(via);
        try {
            insert(row);
        } catch (PersistenceException e) {
            // The unique (request, approver): the same person's other click, on another node, came first.
            throw ApiException.conflict(ApprovalCount.ALREADY_APPROVED, ApprovalCount.ALREADY_APPROVED_WHY, null);
        }
        return outcome;
    }
}
