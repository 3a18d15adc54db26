package io.github.inviteonly.reset;

import java.util.List;

import io.github.inviteonly.mail.EmailDelivery;
import io.github.inviteonly.persistence.RealmRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.keycloak.models.UserModel;

/**
 * One password-reset request and its outcome; rows are kept as history. {@code openUserId} equals
 * {@code userId} while the request is PENDING or APPROVED and is null afterwards: a unique constraint on
 * (realm, openUserId) makes "one open request per user" hold across cluster nodes. {@code expiresAt}
 * is the end of the current stage: of the wait for a decision, then of the approved link. Times are
 * epoch milliseconds from Keycloak's clock.
 */
@Entity
@Table(name = "INVITE_ONLY_PASSWORD_RESET")
public class PasswordResetEntity implements RealmRow {

    static final int USER_AGENT_LENGTH = 255;

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "OPEN_USER_ID", length = 36)
    private String openUserId;

    @Column(name = "USERNAME", nullable = false)
    private String username;

    @Column(name = "EMAIL", nullable = false)
    private String email;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATUS", length = 16, nullable = false)
    private PasswordResetStatus status;

    @Column(name = "REQUESTED_AT", nullable = false)
    private long requestedAt;

    @Column(name = "REQUEST_IP", length = 64)
    private String requestIp;

    @Column(name = "CLIENT_ID")
    private String clientId;

    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    @Column(name = "DECIDED_AT")
    private Long decidedAt;

    @Column(name = "DECIDED_BY_ID", length = 36)
    private String decidedById;

    @Column(name = "DECIDED_BY_USERNAME")
    private String decidedByUsername;

    @Enumerated(EnumType.STRING)
    @Column(name = "DECIDED_VIA", length = 16)
    private DecisionChannel decidedVia;

    @Column(name = "REASON", length = 1000)
    private String reason;

    @Column(name = "TOKEN_HASH", length = 64)
    private String tokenHash;

    @Enumerated(EnumType.STRING)
    @Column(name = "EMAIL_DELIVERY", length = 16)
    private EmailDelivery emailDelivery;

    /** When the current email was posted (epoch milliseconds); null before any was, or on rows older than the column. */
    @Column(name = "EMAIL_POSTED_AT")
    private Long emailPostedAt;

    /** Where the current email's link points (the address of the request that posted it), for sending it again. */
    @Column(name = "EMAIL_LINK_BASE", length = 2048)
    private String emailLinkBase;

    @Column(name = "COMPLETED_AT")
    private Long completedAt;

    /** The last decision attempt our rules refused (in Keycloak's console, whose failed call leaves no other trace on the row). */
    @Column(name = "REFUSED_AT")
    private Long refusedAt;

    @Column(name = "REFUSED_BY_ID", length = 36)
    private String refusedById;

    @Column(name = "REFUSED_BY_USERNAME")
    private String refusedByUsername;

    @Enumerated(EnumType.STRING)
    @Column(name = "REFUSED_VIA", length = 16)
    private DecisionChannel refusedVia;

    @Column(name = "PRIVILEGED", nullable = false)
    private boolean privileged;

    /** Comma-separated, as {@link PrivilegedAccount#reasons()} gives them. */
    @Column(name = "PRIVILEGED_REASONS", length = 1000)
    private String privilegedReasons;

    @Column(name = "REFUSAL_REASON", length = 1000)
    private String refusalReason;

    /** The risk signals recorded with the request (see {@link ResetSignals}); null on rows older than them. */
    @Column(name = "ACCOUNT_CREATED_AT")
    private Long accountCreatedAt;

    @Column(name = "EMAIL_CHANGED_AT")
    private Long emailChangedAt;

    /** Null when the realm did not store LOGIN events when the request was made. */
    @Column(name = "REQUEST_IP_SEEN_AT_LOGIN")
    private Boolean requestIpSeenAtLogin;

    @Column(name = "REQUESTS_LAST_30_DAYS")
    private Long requestsLast30Days;
    /** The caller's User-Agent when the request was made, cut to the column's length; null when none was sent. */
    @Column(name = "USER_AGENT", length = USER_AGENT_LENGTH)
    private String userAgent;

    /** SHA-256 of the token in the owner's "This wasn't me: cancel it" link; null on rows older than the column. */
    @Column(name = "CANCEL_TOKEN_HASH", length = 64)
    private String cancelTokenHash;

    @Column(name = "CANCELLED_AT")
    private Long cancelledAt;

    /** From when the approved link works (a realm's cooling-off after the approval); null before approval. */
    @Column(name = "LINK_VALID_FROM")
    private Long linkValidFrom;

    /** Who decided ({@code null}: nobody, e.g. the account was deleted), how and when. */
    void decided(UserModel approver, DecisionChannel via, long now) {
        decidedAt = now;
        decidedById = approver == null ? null : approver.getId();
        decidedByUsername = approver == null ? null : approver.getUsername();
        decidedVia = via;
    }

    /** Who tried to decide and was refused, how, when and why. */
    void refused(UserModel by, DecisionChannel via, long now, String why) {
        refusedAt = now;
        refusedById = by == null ? null : by.getId();
        refusedByUsername = by == null ? null : by.getUsername();
        refusedVia = via;
        refusalReason = why;
    }

    @Override
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    @Override
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getOpenUserId() { return openUserId; }
    public void setOpenUserId(String openUserId) { this.openUserId = openUserId; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public PasswordResetStatus getStatus() { return status; }
    public void setStatus(PasswordResetStatus status) { this.status = status; }
    public long getRequestedAt() { return requestedAt; }
    public void setRequestedAt(long requestedAt) { this.requestedAt = requestedAt; }
    public String getRequestIp() { return requestIp; }
    public void setRequestIp(String requestIp) { this.requestIp = requestIp; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(long expiresAt) { this.expiresAt = expiresAt; }
    public Long getDecidedAt() { return decidedAt; }
    public void setDecidedAt(Long decidedAt) { this.decidedAt = decidedAt; }
    public String getDecidedById() { return decidedById; }
    public void setDecidedById(String decidedById) { this.decidedById = decidedById; }
    public String getDecidedByUsername() { return decidedByUsername; }
    public void setDecidedByUsername(String decidedByUsername) { this.decidedByUsername = decidedByUsername; }
    public DecisionChannel getDecidedVia() { return decidedVia; }
    public void setDecidedVia(DecisionChannel decidedVia) { this.decidedVia = decidedVia; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getTokenHash() { return tokenHash; }
    public void setTokenHash(String tokenHash) { this.tokenHash = tokenHash; }
    public EmailDelivery getEmailDelivery() { return emailDelivery; }
    public void setEmailDelivery(EmailDelivery emailDelivery) { this.emailDelivery = emailDelivery; }
    public Long getEmailPostedAt() { return emailPostedAt; }
    public void setEmailPostedAt(Long emailPostedAt) { this.emailPostedAt = emailPostedAt; }
    public String getEmailLinkBase() { return emailLinkBase; }
    public void setEmailLinkBase(String emailLinkBase) { this.emailLinkBase = emailLinkBase; }
    public Long getCompletedAt() { return completedAt; }
    public void setCompletedAt(Long completedAt) { this.completedAt = completedAt; }
    public boolean isPrivileged() { return privileged; }
    public List<String> getPrivilegedReasons() {
        return privilegedReasons == null || privilegedReasons.isEmpty() ? List.of() : List.of(privilegedReasons.split(","));
    }
    public void setPrivileged(PrivilegedAccount account) {
        this.privileged = account.privileged();
        this.privilegedReasons = String.join(",", account.reasons());
    }
    public String getUserAgent() { return userAgent; }
    public void setUserAgent(String userAgent) { this.userAgent = userAgent; }
    public String getCancelTokenHash() { return cancelTokenHash; }
    public void setCancelTokenHash(String cancelTokenHash) { this.cancelTokenHash = cancelTokenHash; }
    public Long getCancelledAt() { return cancelledAt; }
    public void setCancelledAt(Long cancelledAt) { this.cancelledAt = cancelledAt; }
    public Long getLinkValidFrom() { return linkValidFrom; }
    public void setLinkValidFrom(Long linkValidFrom) { this.linkValidFrom = linkValidFrom; }
    public Long getRefusedAt() { return refusedAt; }
    public String getRefusedById() { return refusedById; }
    public String getRefusedByUsername() { return refusedByUsername; }
    public DecisionChannel getRefusedVia() { return refusedVia; }
    public String getRefusalReason() { return refusalReason; }

    public Long getAccountCreatedAt() { return accountCreatedAt; }
    public void setAccountCreatedAt(Long accountCreatedAt) { this.accountCreatedAt = accountCreatedAt; }
    public Long getEmailChangedAt() { return emailChangedAt; }
    public void setEmailChangedAt(Long emailChangedAt) { this.emailChangedAt = emailChangedAt; }
    public Boolean getRequestIpSeenAtLogin() { return requestIpSeenAtLogin; }
    public void setRequestIpSeenAtLogin(Boolean requestIpSeenAtLogin) { this.requestIpSeenAtLogin = requestIpSeenAtLogin; }
    public Long getRequestsLast30Days() { return requestsLast30Days; }
    public void setRequestsLast30Days(Long requestsLast30Days) { this.requestsLast30Days = requestsLast30Days; }

    public PasswordResetStatus effectiveStatus(long now) {
        return status.isOpen() && expiresAt <= now ? PasswordResetStatus.EXPIRED : status;
    }
}
