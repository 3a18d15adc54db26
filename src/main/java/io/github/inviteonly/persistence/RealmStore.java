package io.github.inviteonly.persistence;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import org.keycloak.models.KeycloakSession;

/**
 * The rows of one entity in one realm, in Keycloak's database and the request's transaction: lookups
 * (optionally row-locked), insert-now, conditional updates, and removal with the realm. In queries the
 * entity is {@code r}.
 */
public abstract class RealmStore<E extends RealmRow> {

    protected final EntityManager em;
    protected final String realmId;
    private final Class<E> type;
    private final Supplier<? extends RuntimeException> busy;

    /** @param busy the answer when the database gives up waiting for a row lock */
    protected RealmStore(KeycloakSession session, String realmId, Class<E> type, Supplier<? extends RuntimeException> busy) {
        this.em = Database.entityManager(session);
        this.realmId = realmId;
        this.type = type;
        this.busy = busy;
    }

    public Optional<E> find(String id) {
        if (!isId(id)) {
            return Optional.empty();
        }
        E row = em.find(type, id);
        return row != null && row.getRealmId().equals(realmId) ? Optional.of(row) : Optional.empty();
    }

    /** Inserts now, so that unique constraints are checked inside this request rather than at commit. */
    public void insert(E row) {
        em.persist(row);
        flush();
    }

    /** Writes pending changes now (e.g. a cleared unique column, before another row takes its value). */
    public void flush() {
        em.flush();
    }

    /**
     * Loads and row-locks the row until this transaction ends, so that concurrent changes of it (decisions,
     * accepts, resends) run one after another and each sees the previous one's result.
     */
    public Optional<E> lockById(String id) {
        return isId(id) ? findBy("id", id, true) : Optional.empty();
    }

    /**
     * Our ids are Keycloak's (UUIDs): anything else names no row and never reaches the database, which may
     * refuse it outright (PostgreSQL answers a NUL character with an error, not with no row).
     */
    private static boolean isId(String id) {
        return id != null && !id.isEmpty() && id.length() <= 36 && id.chars().allMatch(c -> c == '-' || Character.isLetterOrDigit(c) && c < 128);
    }

    /** The row of a single-use token (by its hash, the only form in which tokens are stored), locked. */
    public Optional<E> lockByTokenHash(String tokenHash) {
        return findBy("tokenHash", tokenHash, true);
    }

    /** The same without a lock, for pages that only show what a token can still do. */
    public Optional<E> findByTokenHash(String tokenHash) {
        return findBy("tokenHash", tokenHash, false);
    }

    /** The row whose {@code field} has {@code value}, optionally row-locked until the transaction ends. */
    protected Optional<E> findBy(String field, String value, boolean lock) {
        TypedQuery<E> query = em.createQuery("SELECT r FROM " + type.getSimpleName() + " r WHERE r.realmId = :realmId AND r."
                        + field + " = :value", type)
                .setParameter("realmId", realmId)
                .setParameter("value", value);
        Optional<E> found = Database.first(query, lock, busy);
        if (lock) {
            // A row read earlier in this transaction keeps that state in the persistence context even when the
            // locking query reads it again: refreshed under the lock, a change committed meanwhile counts.
            found.ifPresent(em::refresh);
        }
        return found;
    }

    /**
     * Sets one field of one row, only while the row still has the given values: a write that must not undo
     * what another transaction did meanwhile, and that touches nothing else of the row.
     */
    protected void updateIf(String id, String field, Object value, Map<String, Object> stillThere) {
        StringBuilder jpql = new StringBuilder("UPDATE " + type.getSimpleName() + " r SET r." + field
                + " = :value WHERE r.id = :id AND r.realmId = :realmId");
        stillThere.keySet().forEach(name -> jpql.append(" AND r.").append(name).append(" = :").append(name));
        Query update = em.createQuery(jpql.toString())
                .setParameter("value", value)
                .setParameter("id", id)
                .setParameter("realmId", realmId);
        stillThere.forEach(update::setParameter);
        update.executeUpdate();
    }

    /** The realm's rows, as a condition to narrow down. */
    protected Where inRealm() {
        return Where.of("r.realmId = :realmId", "realmId", realmId);
    }

    /** One page of the rows that match, in {@code orderBy} order (e.g. {@code r.createdAt DESC, r.id DESC}). */
    protected List<E> page(Where where, String orderBy, int first, int max) {
        return page(where, orderBy, Map.of(), first, max);
    }

    /** The same, with named parameters in {@code orderBy} (e.g. a {@code CASE} that puts some rows first). */
    protected List<E> page(Where where, String orderBy, Map<String, Object> orderParameters, int first, int max) {
        TypedQuery<E> query = where.bind(em.createQuery("SELECT r FROM " + type.getSimpleName() + " r WHERE " + where.clause()
                + " ORDER BY " + orderBy, type));
        orderParameters.forEach(query::setParameter);
        return query
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList();
    }

    protected long count(Where where) {
        return where.bind(em.createQuery("SELECT COUNT(r) FROM " + type.getSimpleName() + " r WHERE " + where.clause(), Long.class))
                .getSingleResult();
    }

    /** Every row of the realm, when the realm is deleted. */
    public int deleteRealm() {
        return em.createQuery("DELETE FROM " + type.getSimpleName() + " r WHERE r.realmId = :realmId")
                .setParameter("realmId", realmId)
                .executeUpdate();
    }
}
