package io.github.inviteonly.settings;

import java.util.Arrays;
import java.util.List;

import org.keycloak.models.RealmModel;

/**
 * Per-realm settings, kept as realm attributes so they live in Keycloak's database, travel with realm
 * exports and can be set with the admin REST API ({@code PUT /admin/realms/{realm}} with
 * {@code attributes}) or in a realm JSON. Values that are missing or not numbers fall back to defaults.
 */
public final class RealmSettings {

    public static final String INVITATION_LIFETIME = "inviteOnly.invitation.lifetimeSeconds";
    public static final String INVITATION_MIN_LIFETIME = "inviteOnly.invitation.minLifetimeSeconds";
    public static final String INVITATION_MAX_LIFETIME = "inviteOnly.invitation.maxLifetimeSeconds";

    public static final String RESET_REQUEST_LIFETIME = "inviteOnly.passwordReset.requestLifetimeSeconds";
    public static final String RESET_LINK_LIFETIME = "inviteOnly.passwordReset.linkLifetimeSeconds";
    public static final String RESET_MIN_LINK_LIFETIME = "inviteOnly.passwordReset.minLinkLifetimeSeconds";
    public static final String RESET_MAX_LINK_LIFETIME = "inviteOnly.passwordReset.maxLinkLifetimeSeconds";
    public static final String RESET_MAX_PER_ADDRESS = "inviteOnly.passwordReset.maxRequestsPerAddress";
    public static final String RESET_MAX_PER_IP = "inviteOnly.passwordReset.maxRequestsPerIp";
    public static final String RESET_THROTTLE_WINDOW = "inviteOnly.passwordReset.throttleWindowSeconds";
    public static final String RESET_PRIVILEGED_ROLES = "inviteOnly.passwordReset.privilegedRoles";
    public static final String RESET_RECENT_EMAIL_CHANGE = "inviteOnly.passwordReset.recentEmailChangeSeconds";
    public static final String RESET_COOLING_OFF = "inviteOnly.passwordReset.coolingOffSeconds";
    public static final String RESET_APPROVER_DIGEST = "inviteOnly.passwordReset.approverDigestSeconds";

    public static final String EMAIL_RESEND_PENDING_AFTER = "inviteOnly.email.resendPendingAfterSeconds";

    public static final String DOCS_ENABLED = "inviteOnly.docs.enabled";
    public static final String DOCS_CLIENT_ID = "inviteOnly.docs.clientId";

    static final long DEFAULT_INVITATION_LIFETIME = 7 * 24 * 3600;
    static final long DEFAULT_INVITATION_MIN_LIFETIME = 5 * 60;
    static final long DEFAULT_INVITATION_MAX_LIFETIME = 30 * 24 * 3600;

    static final long DEFAULT_RESET_REQUEST_LIFETIME = 3 * 24 * 3600;
    static final long DEFAULT_RESET_LINK_LIFETIME = 20 * 60;
    static final long DEFAULT_RESET_MIN_LINK_LIFETIME = 5 * 60;
    static final long DEFAULT_RESET_MAX_LINK_LIFETIME = 24 * 3600;
    static final long DEFAULT_RESET_MAX_PER_ADDRESS = 3;
    /** An office behind one NAT address: 50 colleagues asking in one hour must all be recorded. */
    static final long DEFAULT_RESET_MAX_PER_IP = 200;
    static final long DEFAULT_RESET_THROTTLE_WINDOW = 3600;
    static final long DEFAULT_RESET_RECENT_EMAIL_CHANGE = 7 * 24 * 3600;
    static final long DEFAULT_RESET_APPROVER_DIGEST = 5 * 60;

    static final long DEFAULT_EMAIL_RESEND_PENDING_AFTER = 5 * 60;

    private final RealmModel realm;

    public RealmSettings(RealmModel realm) {
        this.realm = realm;
    }

    /** The realm's name as people read it in emails and pages: its display name, else its name. */
    public String displayName() {
        return realm.getDisplayName() != null ? realm.getDisplayName() : realm.getName();
    }

    public long invitationLifetimeSeconds() {
        return positive(INVITATION_LIFETIME, DEFAULT_INVITATION_LIFETIME);
    }

    public long invitationMinLifetimeSeconds() {
        return positive(INVITATION_MIN_LIFETIME, DEFAULT_INVITATION_MIN_LIFETIME);
    }

    public long invitationMaxLifetimeSeconds() {
        return positive(INVITATION_MAX_LIFETIME, DEFAULT_INVITATION_MAX_LIFETIME);
    }

    /** How long a reset request waits for a decision before it expires. */
    public long resetRequestLifetimeSeconds() {
        return positive(RESET_REQUEST_LIFETIME, DEFAULT_RESET_REQUEST_LIFETIME);
    }

    /** How long the link sent on approval works, counted from the approval. */
    public long resetLinkLifetimeSeconds() {
        return positive(RESET_LINK_LIFETIME, DEFAULT_RESET_LINK_LIFETIME);
    }

    /** The shortest link lifetime an approver may choose. */
    public long resetMinLinkLifetimeSeconds() {
        return positive(RESET_MIN_LINK_LIFETIME, DEFAULT_RESET_MIN_LINK_LIFETIME);
    }

    /** The longest link lifetime an approver may choose; never below the shortest. */
    public long resetMaxLinkLifetimeSeconds() {
        return Math.max(resetMinLinkLifetimeSeconds(), positive(RESET_MAX_LINK_LIFETIME, DEFAULT_RESET_MAX_LINK_LIFETIME));
    }

    /** Reset requests accepted per address, and per client IP, within one throttle window. */
    public long resetMaxRequestsPerAddress() {
        return positive(RESET_MAX_PER_ADDRESS, DEFAULT_RESET_MAX_PER_ADDRESS);
    }

    public long resetMaxRequestsPerIp() {
        return positive(RESET_MAX_PER_IP, DEFAULT_RESET_MAX_PER_IP);
    }

    public long resetThrottleWindowSeconds() {
        return positive(RESET_THROTTLE_WINDOW, DEFAULT_RESET_THROTTLE_WINDOW);
    }

    /**
     * Roles besides Keycloak's {@code realm-management} ones whose holders need two approvers: realm roles
     * by name, client roles as {@code clientId/role}, comma-separated.
     */
    public List<String> resetPrivilegedRoles() {
        String value = realm.getAttribute(RESET_PRIVILEGED_ROLES);
        return value == null ? List.of()
                : Arrays.stream(value.split(",")).map(String::trim).filter(role -> !role.isEmpty()).distinct().toList();
    }

    /** How recent an address change makes a reset request privileged; 0 turns that off. */
    public long resetRecentEmailChangeSeconds() {
        return notNegative(RESET_RECENT_EMAIL_CHANGE, DEFAULT_RESET_RECENT_EMAIL_CHANGE);
    }

    /**
     * How long after an approval its link starts working (its lifetime counts from then), so that the owner,
     * told at once, can still cancel a reset they did not ask for; 0 (the default) for at once.
     */
    public long resetCoolingOffSeconds() {
        return notNegative(RESET_COOLING_OFF, 0);
    }

    /**
     * The least time between two emails to one approver about new requests; what comes in meanwhile waits
     * for the next. 0: every request is emailed at once.
     */
    public long resetApproverDigestSeconds() {
        return notNegative(RESET_APPROVER_DIGEST, DEFAULT_RESET_APPROVER_DIGEST);
    }

    /**
     * How long an email with a link may stay PENDING (its node stopped between the commit and the send)
     * before the sweep sends it again, with a new link.
     */
    public long emailResendPendingAfterSeconds() {
        return positive(EMAIL_RESEND_PENDING_AFTER, DEFAULT_EMAIL_RESEND_PENDING_AFTER);
    }

    /** Whether {@code /docs} and {@code /redoc} are served; on unless set to {@code false}. */
    public boolean docsEnabled() {
        return !"false".equalsIgnoreCase(String.valueOf(realm.getAttribute(DOCS_ENABLED)).trim());
    }

    /**
     * The client that Swagger UI's Authorize button signs in with: by default the extension's own, which
     * accepts the docs page as redirect URI on any host; another must be public and accept it too.
     */
    public String docsClientId(String extensionClientId) {
        String clientId = realm.getAttribute(DOCS_CLIENT_ID);
        return clientId == null || clientId.isBlank() ? extensionClientId : clientId.trim();
    }

    /** A positive whole number (seconds or a count). */
    private long positive(String attribute, long defaultValue) {
        long parsed = whole(attribute, defaultValue);
        return parsed > 0 ? parsed : defaultValue;
    }

    /** A whole number where 0 means "off". */
    private long notNegative(String attribute, long defaultValue) {
        long parsed = whole(attribute, defaultValue);
        return parsed >= 0 ? parsed : defaultValue;
    }

    private long whole(String attribute, long defaultValue) {
        String value = realm.getAttribute(attribute);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }
}
