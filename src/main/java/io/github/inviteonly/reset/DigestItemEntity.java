package io.github.inviteonly.reset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A recorded request that an approver has not been emailed about yet: one row per approver and request,
 * committed after the request, deleted when the approver's next email lists it.
 */
@Entity
@Table(name = "INVITE_ONLY_DIGEST_ITEM")
public class DigestItemEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "APPROVER_ID", length = 36, nullable = false)
    private String approverId;

    @Column(name = "REQUEST_ID", length = 36, nullable = false)
    private String requestId;

    @Column(name = "ADDED_AT", nullable = false)
    private long addedAt;

    /** The server's public and admin base addresses when the request came in: the sweep has no request to read them from. */
    @Column(name = "PAGE_BASE", length = 2048, nullable = false)
    private String pageBase;

    @Column(name = "CONSOLE_BASE", length = 2048, nullable = false)
    private String consoleBase;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getApproverId() { return approverId; }
    public void setApproverId(String approverId) { this.approverId = approverId; }
    public String getRequestId() { return requestId; }
    public void setRequestId(String requestId) { this.requestId = requestId; }
    public long getAddedAt() { return addedAt; }
    public void setAddedAt(long addedAt) { this.addedAt = addedAt; }
    public String getPageBase() { return pageBase; }
    public void setPageBase(String pageBase) { this.pageBase = pageBase; }
    public String getConsoleBase() { return consoleBase; }
    public void setConsoleBase(String consoleBase) { this.consoleBase = consoleBase; }
}
