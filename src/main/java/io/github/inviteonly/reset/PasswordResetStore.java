package io.github.inviteonly.reset;

import java.util.List;
import java.util.Optional;

import io.github.inviteonly.http.ApiException;
import io.github.inviteonly.mail.EmailDelivery;
import io.github.inviteonly.persistence.Database;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import org.keycloak.models.KeycloakSession;

/** Reads and writes password-reset rows; filtering, paging and counting happen in the database. */
class PasswordResetStore {

    private static final List<PasswordResetStatus> OPEN = List.of(PasswordResetStatus.PENDING, PasswordResetStatus.APPROVED);

    private static final String LOCK_TIMEOUT = "jakarta.persistence.lock.timeout";
    /** Hibernate's lock timeout meaning SKIP LOCKED (on databases without it, a plain FOR UPDATE). */
    private static final int SKIP_LOCKED = -2;

    private final EntityManager em;

    PasswordResetStore(KeycloakSession session) {
        this.em = Database.entityManager(session);
    }

    /** Inserts now, so that "one open request per user" is checked by the database inside this transaction. */
    void insert(PasswordResetEntity entity) {
        em.persist(entity);
        em.flush();
    }

    /** Writes pending changes now (a cleared open slot must reach the database before a new row takes it). */
    void flush() {
        em.flush();
    }

    /**
     * How a request's email went, unless the request moved on meanwhile (another status, or a newer token
     * with a letter of its own).
     */
    void recordDelivery(String realmId, String id, PasswordResetStatus status, String tokenHash, EmailDelivery delivery) {
        Query update = em.createQuery("UPDATE PasswordResetEntity r SET r.emailDelivery = :delivery"
                        + " WHERE r.id = :id AND r.realmId = :realmId AND r.status = :status"
                        + (tokenHash == null ? "" : " AND r.tokenHash = :tokenHash"))
                .setParameter("delivery", delivery)
                .setParameter("id", id)
                .setParameter("realmId", realmId)
                .setParameter("status", status);
        if (tokenHash != null) {
            update.setParameter("tokenHash", tokenHash);
        }
        update.executeUpdate();
    }

    Optional<PasswordResetEntity> find(String realmId, String id) {
        PasswordResetEntity entity = em.find(PasswordResetEntity.class, id);
        return entity != null && entity.getRealmId().equals(realmId) ? Optional.of(entity) : Optional.empty();
    }

    /** Loads and row-locks the request until this transaction ends, so that decisions on it queue up. */
    Optional<PasswordResetEntity> lockById(String realmId, String id) {
        return findOne(realmId, "r.id = :value", id, true);
    }

    Optional<PasswordResetEntity> lockByTokenHash(String realmId, String tokenHash) {
        return findOne(realmId, "r.tokenHash = :value", tokenHash, true);
    }

    Optional<PasswordResetEntity> findByTokenHash(String realmId, String tokenHash) {
        return findOne(realmId, "r.tokenHash = :value", tokenHash, false);
    }

    /** The user's PENDING or APPROVED request (which may have run out of time but not been swept yet). */
    Optional<PasswordResetEntity> lockOpenByUser(String realmId, String userId) {
        return findOne(realmId, "r.openUserId = :value", userId, true);
    }

    /** The same, without a lock: for a look inside Keycloak's own requests, which must not queue behind ours. */
    Optional<PasswordResetEntity> findOpenByUser(String realmId, String userId) {
        return findOne(realmId, "r.openUserId = :value", userId, false);
    }

    private Optional<PasswordResetEntity> findOne(String realmId, String condition, String value, boolean lock) {
        TypedQuery<PasswordResetEntity> query = em.createQuery(
                        "SELECT r FROM PasswordResetEntity r WHERE r.realmId = :realmId AND " + condition,
                        PasswordResetEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("value", value);
        return Database.first(query, lock, () -> ApiException.conflict("password_reset_busy",
                "The password-reset request is being changed by another request; try again", null));
    }

    List<PasswordResetEntity> list(String realmId, PasswordResetStatus status, long now, int first, int max) {
        TypedQuery<PasswordResetEntity> select = em.createQuery(
                "SELECT r FROM PasswordResetEntity r WHERE " + where(status) + " ORDER BY r.requestedAt DESC, r.id DESC",
                PasswordResetEntity.class);
        bind(select, realmId, status, now);
        return select.setFirstResult(first).setMaxResults(max).getResultList();
    }

    long count(String realmId, PasswordResetStatus status, long now) {
        TypedQuery<Long> select = em.createQuery("SELECT COUNT(r) FROM PasswordResetEntity r WHERE " + where(status), Long.class);
        bind(select, realmId, status, now);
        return select.getSingleResult();
    }

    /**
     * Open requests of any realm whose time has run out, oldest first, for the sweep. Rows that another
     * transaction holds are skipped ({@code SKIP LOCKED}), never waited for: the sweep runs on Keycloak's
     * one timer thread, and a later round takes them.
     */
    List<PasswordResetEntity> lockRunOut(long now, int max) {
        return em.createQuery("SELECT r FROM PasswordResetEntity r WHERE r.status IN :open AND r.expiresAt <= :now"
                        + " ORDER BY r.expiresAt", PasswordResetEntity.class)
                .setParameter("open", OPEN)
                .setParameter("now", now)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint(LOCK_TIMEOUT, SKIP_LOCKED)
                .setMaxResults(max)
                .getResultList();
    }

    int deleteRealm(String realmId) {
        return em.createQuery("DELETE FROM PasswordResetEntity r WHERE r.realmId = :realmId")
                .setParameter("realmId", realmId)
                .executeUpdate();
    }

    /** EXPIRED covers both the stored status and open rows whose time has run out. */
    private static String where(PasswordResetStatus status) {
        String realm = "r.realmId = :realmId";
        if (status == null) {
            return realm;
        }
        return switch (status) {
            case PENDING, APPROVED -> realm + " AND r.status = :status AND r.expiresAt > :now";
            case EXPIRED -> realm + " AND (r.status = :status OR (r.status IN :open AND r.expiresAt <= :now))";
            default -> realm + " AND r.status = :status";
        };
    }

    private static void bind(TypedQuery<?> select, String realmId, PasswordResetStatus status, long now) {
        select.setParameter("realmId", realmId);
        if (status == null) {
            return;
        }
        select.setParameter("status", status);
        if (status.isOpen() || status == PasswordResetStatus.EXPIRED) {
            select.setParameter("now", now);
        }
        if (status == PasswordResetStatus.EXPIRED) {
            select.setParameter("open", OPEN);
        }
    }
}
