package io.github.inviteonly.invitation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.github.inviteonly.http.ApiException;
import io.github.inviteonly.mail.EmailDelivery;
import io.github.inviteonly.persistence.Database;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;

/** Reads and writes invitation rows of one realm; filtering, paging and counting happen in the database. */
class InvitationStore {

    /** List filters; null fields do not filter. */
    record Query(InvitationStatus status, String email, String search) {
    }

    private final EntityManager em;
    private final String realmId;

    InvitationStore(KeycloakSession session, String realmId) {
        this.em = Database.entityManager(session);
        this.realmId = realmId;
    }

    /**
     * Inserts the row now, so that the unique constraints (one open invitation per address) are
     * checked inside this request rather than at commit.
     */
    void insert(InvitationEntity entity) {
        em.persist(entity);
        flush();
    }

    /**
     * Writes pending changes now; a unique-constraint race with another request becomes a 409. Keycloak's
     * entity manager reports the violation as its own {@link ModelDuplicateException}.
     */
    void flush() {
        try {
            em.flush();
        } catch (PersistenceException | ModelDuplicateException e) {
            throw ApiException.conflict("invitation_pending",
                    "Another open invitation for this email address was created at the same time", "email");
        }
    }

    /** How the email for the token with this hash went; nothing changes when a newer token replaced it. */
    void recordDelivery(String id, String tokenHash, EmailDelivery delivery) {
        em.createQuery("UPDATE InvitationEntity i SET i.emailDelivery = :delivery"
                        + " WHERE i.id = :id AND i.realmId = :realmId AND i.tokenHash = :tokenHash")
                .setParameter("delivery", delivery)
                .setParameter("id", id)
                .setParameter("realmId", realmId)
                .setParameter("tokenHash", tokenHash)
                .executeUpdate();
    }

    Optional<InvitationEntity> find(String id) {
        InvitationEntity entity = em.find(InvitationEntity.class, id);
        return entity != null && entity.getRealmId().equals(realmId) ? Optional.of(entity) : Optional.empty();
    }

    /**
     * Loads and row-locks the invitation until this transaction ends, so that concurrent accepts or
     * resends of the same invitation run one after another and each sees the previous one's result.
     */
    Optional<InvitationEntity> lockById(String id) {
        return findOne("i.id = :value", id, true);
    }

    Optional<InvitationEntity> lockByTokenHash(String tokenHash) {
        return findOne("i.tokenHash = :value", tokenHash, true);
    }

    /** Without locking, for read-only use (lookup, the registration page). */
    Optional<InvitationEntity> findByTokenHash(String tokenHash) {
        return findOne("i.tokenHash = :value", tokenHash, false);
    }

    Optional<InvitationEntity> findOpenByEmail(String email) {
        return findOne("i.pendingEmail = :value", email, false);
    }

    private Optional<InvitationEntity> findOne(String condition, String value, boolean lock) {
        TypedQuery<InvitationEntity> query = em.createQuery(
                        "SELECT i FROM InvitationEntity i WHERE i.realmId = :realmId AND " + condition, InvitationEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("value", value);
        return Database.first(query, lock, () -> ApiException.conflict("invitation_busy",
                "The invitation is being changed by another request; try again", null));
    }

    List<InvitationEntity> list(Query query, long now, int first, int max) {
        TypedQuery<InvitationEntity> select = em.createQuery(
                "SELECT i FROM InvitationEntity i WHERE " + where(query) + " ORDER BY i.createdAt DESC, i.id DESC",
                InvitationEntity.class);
        bind(select, query, now);
        return select.setFirstResult(first).setMaxResults(max).getResultList();
    }

    long count(Query query, long now) {
        TypedQuery<Long> select = em.createQuery("SELECT COUNT(i) FROM InvitationEntity i WHERE " + where(query), Long.class);
        bind(select, query, now);
        return select.getSingleResult();
    }

    int deleteRealm() {
        return em.createQuery("DELETE FROM InvitationEntity i WHERE i.realmId = :realmId")
                .setParameter("realmId", realmId)
                .executeUpdate();
    }

    private static String where(Query query) {
        StringBuilder where = new StringBuilder("i.realmId = :realmId");
        if (query.status() != null) {
            switch (query.status()) {
                case PENDING -> where.append(" AND i.status = :stored AND i.expiresAt > :now");
                case EXPIRED -> where.append(" AND i.status = :stored AND i.expiresAt <= :now");
                default -> where.append(" AND i.status = :stored");
            }
        }
        if (query.email() != null) {
            where.append(" AND i.email = :email");
        }
        if (query.search() != null) {
            where.append(" AND (i.email LIKE :search ESCAPE '!' OR LOWER(i.firstName) LIKE :search ESCAPE '!'"
                    + " OR LOWER(i.lastName) LIKE :search ESCAPE '!')");
        }
        return where.toString();
    }

    private void bind(TypedQuery<?> select, Query query, long now) {
        select.setParameter("realmId", realmId);
        if (query.status() != null) {
            InvitationStatus stored = query.status() == InvitationStatus.EXPIRED ? InvitationStatus.PENDING : query.status();
            select.setParameter("stored", stored);
            if (query.status() == InvitationStatus.PENDING || query.status() == InvitationStatus.EXPIRED) {
                select.setParameter("now", now);
            }
        }
        if (query.email() != null) {
            select.setParameter("email", query.email());
        }
        if (query.search() != null) {
            String escaped = query.search().toLowerCase(Locale.ROOT)
                    .replace("!", "!!").replace("%", "!%").replace("_", "!_");
            select.setParameter("search", "%" + escaped + "%");
        }
    }
}
