package io.github.inviteonly.reset;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.inviteonly.http.ApiException;
import io.github.inviteonly.mail.EmailDelivery;
import io.github.inviteonly.persistence.Database;
import io.github.inviteonly.persistence.RealmStore;
import io.github.inviteonly.persistence.Where;
import org.keycloak.models.KeycloakSession;

/** Reads and writes password-reset rows of one realm; filtering, paging and counting happen in the database. */
class PasswordResetStore extends RealmStore<PasswordResetEntity> {

    private static final List<PasswordResetStatus> OPEN = List.of(PasswordResetStatus.PENDING, PasswordResetStatus.APPROVED);

    PasswordResetStore(KeycloakSession session, String realmId) {
        super(session, realmId, PasswordResetEntity.class, () -> ApiException.conflict("password_reset_busy",
                "The password-reset request is being changed by another request; try again", null));
    }

    /**
     * How a request's email went, unless the request moved on meanwhile: another status, or another letter
     * posted since, told by {@code letterField} (a newer token, or a later posting time of the rejection).
     */
    void recordDelivery(String id, PasswordResetStatus status, String letterField, Object letterValue, EmailDelivery delivery) {
        updateIf(id, "emailDelivery", delivery, Map.of("status", status, letterField, letterValue));
    }

    /** The user's PENDING or APPROVED request (which may have run out of time but not been swept yet). */
    Optional<PasswordResetEntity> lockOpenByUser(String userId) {
        return findBy("openUserId", userId, true);
    }

    /** The same, without a lock: for a look inside Keycloak's own requests, which must not queue behind ours. */
    Optional<PasswordResetEntity> findOpenByUser(String userId) {
        return findBy("openUserId", userId, false);
    }

    /** The request whose owner's cancel link carries this token (by its hash), optionally row-locked. */
    Optional<PasswordResetEntity> findByCancelTokenHash(String hash, boolean lock) {
        return findBy("cancelTokenHash", hash, lock);
    }

    /** The user's latest request, whatever its status. */
    Optional<PasswordResetEntity> latestOfUser(String userId) {
        return page(inRealm().and("r.userId = :userId", "userId", userId), "r.requestedAt DESC, r.id DESC", 0, 1)
                .stream().findFirst();
    }

    List<PasswordResetEntity> list(PasswordResetStatus status, long now, int first, int max) {
        return page(where(status, now), "r.requestedAt DESC, r.id DESC", first, max);
    }

    /** The same, requests still waiting for a decision (pending and in time) before all others. */
    List<PasswordResetEntity> listPendingFirst(PasswordResetStatus status, long now, int first, int max) {
        return page(where(status, now), "CASE WHEN r.status = :firstStatus AND r.expiresAt > :firstAfter THEN 0 ELSE 1 END,"
                        + " r.requestedAt DESC, r.id DESC",
                Map.of("firstStatus", PasswordResetStatus.PENDING, "firstAfter", now), first, max);
    }

    /** How many requests each of these users made since {@code since} (users without any are absent). */
    Map<String, Long> requestsSince(Collection<String> userIds, long since) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> counts = new HashMap<>();
        em.createQuery("SELECT r.userId, COUNT(r) FROM PasswordResetEntity r WHERE r.realmId = :realmId"
                        + " AND r.userId IN :userIds AND r.requestedAt >= :since GROUP BY r.userId", Object[].class)
                .setParameter("realmId", realmId)
                .setParameter("userIds", Set.copyOf(userIds))
                .setParameter("since", since)
                .getResultList()
                .forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
        return counts;
    }

    long count(PasswordResetStatus status, long now) {
        return count(where(status, now));
    }

    /** EXPIRED covers both the stored status and open rows whose time has run out. */
    private Where where(PasswordResetStatus status, long now) {
        Where where = inRealm();
        if (status == PasswordResetStatus.EXPIRED) {
            where.and("r.status = :status OR (r.status IN :open AND r.expiresAt <= :now)", "status", status, "open", OPEN, "now", now);
        } else if (status != null && status.isOpen()) {
            where.and("r.status = :status AND r.expiresAt > :now", "status", status, "now", now);
        } else if (status != null) {
            where.and("r.status = :status", "status", status);
        }
        return where;
    }

    /**
     * Open requests of any realm whose time has run out, oldest first, for the sweep. Rows that another
     * transaction holds are skipped ({@code SKIP LOCKED}), never waited for: the sweep runs on Keycloak's
     * one timer thread, and a later round takes them.
     */
    static List<PasswordResetEntity> lockRunOut(KeycloakSession session, long now, int max) {
        return Database.skipLocked(Database.entityManager(session).createQuery("SELECT r FROM PasswordResetEntity r"
                        + " WHERE r.status IN :open AND r.expiresAt <= :now ORDER BY r.expiresAt", PasswordResetEntity.class))
                .setParameter("open", OPEN)
                .setParameter("now", now)
                .setMaxResults(max)
                .getResultList();
    }
}
