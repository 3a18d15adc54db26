package io.github.inviteonly.settings;

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

    static final long DEFAULT_INVITATION_LIFETIME = 7 * 24 * 3600;
    static final long DEFAULT_INVITATION_MIN_LIFETIME = 5 * 60;
    static final long DEFAULT_INVITATION_MAX_LIFETIME = 30 * 24 * 3600;

    private final RealmModel realm;

    public RealmSettings(RealmModel realm) {
        this.realm = realm;
    }

    public long invitationLifetimeSeconds() {
        return seconds(INVITATION_LIFETIME, DEFAULT_INVITATION_LIFETIME);
    }

    public long invitationMinLifetimeSeconds() {
        return seconds(INVITATION_MIN_LIFETIME, DEFAULT_INVITATION_MIN_LIFETIME);
    }

    public long invitationMaxLifetimeSeconds() {
        return seconds(INVITATION_MAX_LIFETIME, DEFAULT_INVITATION_MAX_LIFETIME);
    }

    private long seconds(String attribute, long defaultValue) {
        String value = realm.getAttribute(attribute);
        if (value == null) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            return parsed > 0 ? parsed : defaultValue;
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }
}
