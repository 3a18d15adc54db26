package io.github.inviteonly.reset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.inviteonly.persistence.Database;
import io.github.inviteonly.security.SecretToken;
import io.github.inviteonly.settings.RealmSettings;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Rate limits for reset requests, per address and per client IP: a limit of N allows N requests per
 * fixed window. Counted in the database ({@link RequestCountEntity}), each count in a short transaction
 * of its own, so that a limit holds whichever node a request reaches, however many arrive at once, and
 * after every node has restarted. Asks a limit dropped are counted the same way, per minute and limit,
 * for the manage page.
 */
final class ResetThrottle {

    private ResetThrottle() {
    }

    /** Drops are counted per minute and summed over the last {@link #DROPS_MINUTES}: "in the last hour". */
    static final int DROPS_MINUTES = 60;
    private static final long MINUTE = 60;

    /** Which limits a request stayed within. */
    record Verdict(boolean addressAllowed, boolean ipAllowed) {
        boolean allowed() {
            return addressAllowed && ipAllowed;
        }
    }

    /** Asks dropped in the last hour, by the limit that dropped them (an ask over both counts for both). */
    record Drops(long perAddress, long perIp) {
    }

    /** Counts the request against both limits (always both, so every call does the same work). */
    static Verdict check(KeycloakSession session, RealmModel realm, String login, String ip) {
        RealmSettings settings = new RealmSettings(realm);
        Window window = Window.at(Time.currentTimeMillis(), settings.resetThrottleWindowSeconds());
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        boolean addressAllowed = take(factory, realm.getId(), key(realm.getId(), window, "login", login.toLowerCase(Locale.ROOT)),
                settings.resetMaxRequestsPerAddress(), window.endsAt());
        boolean ipAllowed = take(factory, realm.getId(), key(realm.getId(), window, "ip", ip), settings.resetMaxRequestsPerIp(),
                window.endsAt());
        return new Verdict(addressAllowed, ipAllowed);
    }

    /**
     * Counts a dropped ask in the database, by limit, in this minute's row (kept an hour), so that every
     * node's drops add up and the manage page can show them. Off the request thread: the caller waits for none of it.
     */
    static void countDrop(KeycloakSession session, RealmModel realm, Verdict verdict) {
        Window minute = Window.at(Time.currentTimeMillis(), MINUTE);
        long keptUntil = minute.endsAt() + DROPS_MINUTES * MINUTE * 1000;
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        if (!verdict.addressAllowed()) {
            take(factory, realm.getId(), key(realm.getId(), minute, DROPPED_ADDRESS, ""), Integer.MAX_VALUE, keptUntil);
        }
        if (!verdict.ipAllowed()) {
            take(factory, realm.getId(), key(realm.getId(), minute, DROPPED_IP, ""), Integer.MAX_VALUE, keptUntil);
        }
    }

    /** The asks dropped in the last hour: the sum of the last 60 minutes' rows. */
    static Drops dropsLastHour(KeycloakSession session, String realmId) {
        return new Drops(dropped(session, realmId, DROPPED_ADDRESS), dropped(session, realmId, DROPPED_IP));
    }

    private static final String DROPPED_ADDRESS = "dropped-by-address";
    private static final String DROPPED_IP = "dropped-by-ip";

    private static long dropped(KeycloakSession session, String realmId, String kind) {
        long now = Time.currentTimeMillis();
        List<String> ids = new ArrayList<>();
        for (int ago = 0; ago < DROPS_MINUTES; ago++) {
            ids.add(key(realmId, Window.at(now - ago * MINUTE * 1000, MINUTE), kind, ""));
        }
        Number sum = Database.entityManager(session)
                .createQuery("SELECT SUM(c.requests) FROM RequestCountEntity c WHERE c.id IN :ids", Number.class)
                .setParameter("ids", ids).getSingleResult();
        return sum == null ? 0 : sum.longValue();
    }

    /** The fixed window that {@code nowMillis} falls in: windows are aligned to multiples of their length. */
    record Window(long index, long endsAt) {
        static Window at(long nowMillis, long windowSeconds) {
            long length = windowSeconds * 1000;
            long index = nowMillis / length;
            return new Window(index, (index + 1) * length);
        }
    }

    /** The row of one counted thing in one window; hashed, so that the table holds no address or IP. */
    static String key(String realmId, Window window, String kind, String value) {
        return SecretToken.hash(realmId + "|" + window.index() + "|" + kind + "|" + value);
    }

    private static boolean take(KeycloakSessionFactory factory, String realmId, String id, long limit, long windowEnds) {
        try {
            return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> takeIn(session, realmId, id, limit, windowEnds));
        } catch (ModelDuplicateException | PersistenceException e) {
            // Another request created the row between our look and our insert: it exists now.
            return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> takeIn(session, realmId, id, limit, windowEnds));
        }
    }

    /**
     * Counts one more ask. The same three statements, each writing, whether or not the row exists and
     * whether or not the limit is reached: a first ask that inserted and later ones that updated (or,
     * over the limit, wrote nothing) answered at different speeds, which told a caller whether the
     * address had been asked for in this window. The database serialises concurrent UPDATEs of the row.
     */
    private static boolean takeIn(KeycloakSession session, String realmId, String id, long limit, long windowEnds) {
        EntityManager em = Database.entityManager(session);
        // Not ON CONFLICT DO NOTHING: Hibernate drops that clause on H2.
        em.createQuery("INSERT INTO RequestCountEntity (id, realmId, expiresAt, requests) SELECT :id, :realmId, :expiresAt, 0 "
                        + "WHERE NOT EXISTS (SELECT 1 FROM RequestCountEntity c WHERE c.id = :id)")
                .setParameter("id", id)
                .setParameter("realmId", realmId)
                .setParameter("expiresAt", windowEnds)
                .executeUpdate();
        // Refused asks count too (the ceiling only keeps the column from overflowing).
        em.createQuery("UPDATE RequestCountEntity c SET c.requests = c.requests + 1 WHERE c.id = :id AND c.requests < :ceiling")
                .setParameter("id", id)
                .setParameter("ceiling", Integer.MAX_VALUE)
                .executeUpdate();
        int asks = em.createQuery("SELECT c.requests FROM RequestCountEntity c WHERE c.id = :id", Integer.class)
                .setParameter("id", id)
                .getSingleResult();
        return allows(asks, limit);
    }

    /** Whether the {@code asks}-th ask of a window (this one included) is within a limit of {@code limit}. */
    static boolean allows(long asks, long limit) {
        return asks <= limit;
    }

    /** Deletes counts of windows that have ended (the sweep). */
    static int forgetEnded(KeycloakSession session, long now) {
        return Database.entityManager(session).createQuery("DELETE FROM RequestCountEntity c WHERE c.expiresAt <= :now")
                .setParameter("now", now)
                .executeUpdate();
    }

    static int deleteRealm(KeycloakSession session, String realmId) {
        return Database.entityManager(session).createQuery("DELETE FROM RequestCountEntity c WHERE c.realmId = :realmId")
                .setParameter("realmId", realmId)
                .executeUpdate();
    }
}
