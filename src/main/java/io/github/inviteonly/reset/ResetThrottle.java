package io.github.inviteonly.reset;

import java.util.Locale;

import io.github.inviteonly.security.SecretToken;
import io.github.inviteonly.settings.RealmSettings;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Rate limits for reset requests, per address and per client IP, in Keycloak's single-use object
 * store: it is replicated across the cluster, so a limit holds whichever node a request reaches. A
 * limit of N allows N requests per fixed window: N numbered slots per window, each kept until the
 * window ends.
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

    /**
     * Within one fixed window, slots are only ever taken, lowest free first, so the taken ones are
     * always 0…c-1: a binary search finds c with the same number of look-ups whatever c is (no timing
     * difference between a fresh address and a busy one), then one insert takes it.
     */
    private static boolean take(KeycloakSession session, String key, long slots, long windowSeconds) {
        SingleUseObjectProvider store = session.singleUseObjects();
        long now = Time.currentTime();
        String windowKey = key + "." + (now / windowSeconds) + ".";
        long untilWindowEnds = windowSeconds - now % windowSeconds;
        long low = 0;
        long high = slots;
        while (low < high) {
            long middle = (low + high) >>> 1;
            if (store.contains(windowKey + middle)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        // A concurrent request may take the same slot first; then the next one is ours.
        for (long slot = low; slot < slots; slot++) {
            if (store.putIfAbsent(windowKey + slot, untilWindowEnds)) {
                return true;
            }
        }
        return false;
    }
}
