package io.github.inviteonly.mail;

import java.util.List;

import io.github.inviteonly.persistence.Database;
import io.github.inviteonly.persistence.RealmRow;
import io.github.inviteonly.persistence.Where;
import io.github.inviteonly.settings.RealmSettings;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Sends again what a stopped node left unsent: rows whose email has been PENDING for longer than their
 * realm allows ({@link RealmSettings#emailResendPendingAfterSeconds()}), found by the posting time every
 * letter stamps on its row ({@code emailPostedAt}). Runs in the sweep on every node: the rows are locked
 * with {@code SKIP LOCKED}, so one node takes each, and posting again moves the stamp, so each is taken once.
 */
public final class Redelivery {

    private static final Logger LOG = Logger.getLogger(Redelivery.class);

    /** Rows posted again per round, over all realms: a bounded transaction; a later round takes the rest. */
    static final int BATCH = 100;

    /** What a feature does with one of its rows, in the realm's context: a new link if it has one, then the letter. */
    @FunctionalInterface
    public interface Resend<E> {
        void resend(RealmModel realm, E row);
    }

    private Redelivery() {
    }

    /**
     * Posts again, through {@code resend}, the rows of {@code type} (an entity with {@code emailDelivery} and
     * {@code emailPostedAt}) that match {@code condition} and have waited too long.
     *
     * @param condition      which rows may be sent again at all (e.g. still open), in JPQL on {@code r}
     * @param namesAndValues its parameters, as in {@link Where#of}
     */
    public static <E extends RealmRow> void sweep(KeycloakSession session, Class<E> type, long now, Resend<E> resend,
                                                  String condition, Object... namesAndValues) {
        EntityManager em = Database.entityManager(session);
        String entity = type.getSimpleName();
        Where waiting = waiting(condition, namesAndValues);
        List<String> realmIds = waiting.bind(em.createQuery("SELECT DISTINCT r.realmId FROM " + entity + " r WHERE "
                + waiting.clause(), String.class)).getResultList();
        int budget = BATCH;
        for (String realmId : realmIds) {
            RealmModel realm = session.realms().getRealm(realmId);
            if (realm == null || budget == 0) {
                continue; // deleted meanwhile, with its rows; or enough for this round
            }
            Where stale = waiting(condition, namesAndValues).and("r.realmId = :realmId AND r.emailPostedAt <= :due",
                    "realmId", realmId, "due", dueBefore(now, new RealmSettings(realm).emailResendPendingAfterSeconds()));
            List<E> rows = Database.skipLocked(stale.bind(em.createQuery("SELECT r FROM " + entity + " r WHERE "
                    + stale.clause() + " ORDER BY r.emailPostedAt", type))).setMaxResults(budget).getResultList();
            session.getContext().setRealm(realm);
            rows.forEach(row -> resend.resend(realm, row));
            budget -= rows.size();
            if (!rows.isEmpty()) {
                LOG.infof("Realm %s: %d %s emails left PENDING too long are sent again", realm.getName(), rows.size(),
                        entity.replace("Entity", ""));
            }
        }
    }

    private static Where waiting(String condition, Object... namesAndValues) {
        return Where.of("r.emailDelivery = :pending AND r.emailPostedAt IS NOT NULL", "pending", EmailDelivery.PENDING)
                .and(condition, namesAndValues);
    }

    /** Rows posted at or before this instant have waited longer than {@code afterSeconds}. */
    static long dueBefore(long now, long afterSeconds) {
        return now - afterSeconds * 1000;
    }

    /**
     * The expiry of the link sent again: as far from now as the first link's was from its posting, so that
     * the wait costs the recipient none of the time they were given.
     */
    public static long renewedExpiry(long expiresAt, long postedAt, long now) {
        return now + Math.max(0, expiresAt - postedAt);
    }
}
