package io.github.inviteonly.reset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * When an approver was last emailed about new requests. In the database, so that "at most one email per
 * interval" holds whichever node records a request, and after restarts; its row lock serialises the
 * decision to send.
 */
@Entity
@Table(name = "INVITE_ONLY_APPROVER_DIGEST")
public class ApproverDigestEntity {

    @Id
    @Column(name = "APPROVER_ID", length = 36)
    private String approverId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** Epoch milliseconds; 0 before the first email. */
    @Column(name = "LAST_SENT_AT", nullable = false)
    private long lastSentAt;

    public String getApproverId() { return approverId; }
    public void setApproverId(String approverId) { this.approverId = approverId; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public long getLastSentAt() { return lastSentAt; }
    public void setLastSentAt(long lastSentAt) { this.lastSentAt = lastSentAt; }
}
