package io.github.inviteonly.reset;

import io.github.inviteonly.persistence.RealmRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One approval of a password-reset request: who, when, through which door. A unique constraint on
 * (request, approver) makes one person count once even when two clicks reach two nodes at the same time.
 */
@Entity
@Table(name = "INVITE_ONLY_RESET_APPROVAL")
public class ResetApprovalEntity implements RealmRow {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "REQUEST_ID", length = 36, nullable = false)
    private String requestId;

    @Column(name = "APPROVER_ID", length = 36)
    private String approverId;

    @Column(name = "APPROVER_USERNAME")
    private String approverUsername;

    @Column(name = "APPROVED_AT", nullable = false)
    private long approvedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "VIA", length = 16, nullable = false)
    private DecisionChannel via;

    @Override
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    @Override
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getRequestId() { return requestId; }
    public void setRequestId(String requestId) { this.requestId = requestId; }
    public String getApproverId() { return approverId; }
    public void setApproverId(String approverId) { this.approverId = approverId; }
    public String getApproverUsername() { return approverUsername; }
    public void setApproverUsername(String approverUsername) { this.approverUsername = approverUsername; }
    public long getApprovedAt() { return approvedAt; }
    public void setApprovedAt(long approvedAt) { this.approvedAt = approvedAt; }
    public DecisionChannel getVia() { return via; }
    public void setVia(DecisionChannel via) { this.via = via; }
}
