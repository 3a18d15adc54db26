package io.github.inviteonly.reset;

import java.util.Locale;

import io.github.inviteonly.security.SecretToken;
import io.github.inviteonly.settings.RealmSettings;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Rate limits for reset requests, per address and per client IP, in Keycloak's single-use object
 * store: it is replicated across the cluster, so a limit holds whichever node a request reaches. Each
 * limit of N is N slots that expire one window after they were taken.
 */
final class ResetThrottle {

    private ResetThrottle() {
    }

    /** Takes a slot from both limits (always both, so every call does the same work). */
    static boolean allow(KeycloakSession session, RealmModel realm, String login, String ip) {
        RealmSettings settings = new RealmSettings(realm);
        long window = settings.resetThrottleWindowSeconds();
        // Addresses are hashed: the store is shared infrastructure and need not hold them.
        String prefix = "invite-only.reset." + realm.getId();
        boolean addressAllowed = take(session, prefix + ".login." + SecretToken.hash(login.toLowerCase(Locale.ROOT)),
                settings.resetMaxRequestsPerAddress(), window);
        boolean ipAllowed = take(session, prefix + ".ip." + ip, settings.resetMaxRequestsPerIp(), window);
        return addressAllowed & ipAllowed;
    }

    private static boolean take(KeycloakSession session, String key, long slots, long windowSeconds) {
        SingleUseObjectProvider store = session.singleUseObjects();
        for (long slot = 0; slot < slots; slot++) {
            if (store.putIfAbsent(key + "." + slot, windowSeconds)) {
                return true;
            }
        }
        return false;
    }
}
