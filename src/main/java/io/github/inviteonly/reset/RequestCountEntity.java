package io.github.inviteonly.reset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * How many reset requests one address or one IP made in one window of {@link ResetThrottle}, refused
 * ones included. In the database, so that the limits hold on every node and across restarts. The id is
 * a hash of realm, kind, key and window: neither addresses nor IPs are stored.
 */
@Entity
@Table(name = "INVITE_ONLY_REQUEST_COUNT")
public class RequestCountEntity {

    @Id
    @Column(name = "ID", length = 64)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** The end of the window, epoch milliseconds; the sweep deletes the row afterwards. */
    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    @Column(name = "REQUESTS", nullable = false)
    private int requests;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(long expiresAt) { this.expiresAt = expiresAt; }
    public int getRequests() { return requests; }
    public void setRequests(int requests) { this.requests = requests; }
}
