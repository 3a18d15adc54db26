package io.github.inviteonly.invitation;

import io.github.inviteonly.mail.EmailDelivery;
import io.github.inviteonly.persistence.RealmRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One invitation. Rows are kept after acceptance and revocation (history). {@code pendingEmail} equals
 * {@code email} while the invitation is open and is null otherwise; a unique constraint on
 * (realm, pendingEmail) makes "one open invitation per address" hold under concurrent requests on every
 * node. Times are epoch milliseconds from Keycloak's clock (which tests can shift).
 */
@Entity
@Table(name = "INVITE_ONLY_INVITATION")
public class InvitationEntity implements RealmRow {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "EMAIL", nullable = false)
    private String email;

    @Column(name = "PENDING_EMAIL")
    private String pendingEmail;

    @Column(name = "FIRST_NAME")
    private String firstName;

    @Column(name = "LAST_NAME")
    private String lastName;

    /** JSON array of realm role names. */
    @Column(name = "ROLE_NAMES", length = 4000)
    private String roles;

    /** JSON array of group paths. */
    @Column(name = "GROUP_PATHS", length = 4000)
    private String groups;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATUS", length = 16, nullable = false)
    private InvitationStatus status;

    @Column(name = "TOKEN_HASH", length = 64, nullable = false)
    private String tokenHash;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    @Column(name = "INVITED_BY_ID", length = 36)
    private String invitedById;

    @Column(name = "INVITED_BY_USERNAME")
    private String invitedByUsername;

    @Column(name = "ACCEPTED_AT")
    private Long acceptedAt;

    @Column(name = "REVOKED_AT")
    private Long revokedAt;

    @Column(name = "USER_ID", length = 36)
    private String userId;

    @Column(name = "CLIENT_ID")
    private String clientId;

    @Column(name = "REDIRECT_URI", length = 2048)
    private String redirectUri;

    @Column(name = "LOCALE", length = 32)
    private String locale;

    @Enumerated(EnumType.STRING)
    @Column(name = "EMAIL_DELIVERY", length = 16, nullable = false)
    private EmailDelivery emailDelivery;

    /** When the current email was posted (epoch milliseconds); null before any was, or on rows older than the column. */
    @Column(name = "EMAIL_POSTED_AT")
    private Long emailPostedAt;

    /** Where the current email's link points (the address of the request that posted it), for sending it again. */
    @Column(name = "EMAIL_LINK_BASE", length = 2048)
    private String emailLinkBase;

    @Override
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    @Override
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getPendingEmail() { return pendingEmail; }
    public void setPendingEmail(String pendingEmail) { this.pendingEmail = pendingEmail; }
    public String getFirstName() { return firstName; }
    public void setFirstName(String firstName) { this.firstName = firstName; }
    public String getLastName() { return lastName; }
    public void setLastName(String lastName) { this.lastName = lastName; }
    public String getRoles() { return roles; }
    public void setRoles(String roles) { this.roles = roles; }
    public String getGroups() { return groups; }
    public void setGroups(String groups) { this.groups = groups; }
    public InvitationStatus getStatus() { return status; }
    public void setStatus(InvitationStatus status) { this.status = status; }
    public String getTokenHash() { return tokenHash; }
    public void setTokenHash(String tokenHash) { this.tokenHash = tokenHash; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(long expiresAt) { this.expiresAt = expiresAt; }
    public String getInvitedById() { return invitedById; }
    public void setInvitedById(String invitedById) { this.invitedById = invitedById; }
    public String getInvitedByUsername() { return invitedByUsername; }
    public void setInvitedByUsername(String invitedByUsername) { this.invitedByUsername = invitedByUsername; }
    public Long getAcceptedAt() { return acceptedAt; }
    public void setAcceptedAt(Long acceptedAt) { this.acceptedAt = acceptedAt; }
    public Long getRevokedAt() { return revokedAt; }
    public void setRevokedAt(Long revokedAt) { this.revokedAt = revokedAt; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getRedirectUri() { return redirectUri; }
    public void setRedirectUri(String redirectUri) { this.redirectUri = redirectUri; }
    public String getLocale() { return locale; }
    public void setLocale(String locale) { this.locale = locale; }
    public EmailDelivery getEmailDelivery() { return emailDelivery; }
    public void setEmailDelivery(EmailDelivery emailDelivery) { this.emailDelivery = emailDelivery; }
    public Long getEmailPostedAt() { return emailPostedAt; }
    public void setEmailPostedAt(Long emailPostedAt) { this.emailPostedAt = emailPostedAt; }
    public String getEmailLinkBase() { return emailLinkBase; }
    public void setEmailLinkBase(String emailLinkBase) { this.emailLinkBase = emailLinkBase; }

    /** The status as shown: an open invitation past its expiry is EXPIRED. */
    public InvitationStatus effectiveStatus(long now) {
        return status == InvitationStatus.PENDING && expiresAt <= now ? InvitationStatus.EXPIRED : status;
    }
}
