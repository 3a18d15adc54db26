package io.github.inviteonly.reset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * When an account's address last changed, as the extension saw it ({@link EmailChanges}). A table of our
 * own rather than a user attribute, which users may be allowed to edit. Keycloak's user ids are unique
 * across realms, so the user id is the key; the realm goes with it for deleting a realm's rows.
 */
@Entity
@Table(name = "INVITE_ONLY_EMAIL_CHANGE")
public class EmailChangeEntity {

    @Id
    @Column(name = "USER_ID", length = 36)
    private String userId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** Epoch milliseconds from Keycloak's clock. */
    @Column(name = "CHANGED_AT", nullable = false)
    private long changedAt;

    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public long getChangedAt() { return changedAt; }
    public void setChangedAt(long changedAt) { this.changedAt = changedAt; }
}
