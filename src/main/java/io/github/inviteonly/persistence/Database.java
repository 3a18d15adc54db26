package io.github.inviteonly.persistence;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/** Keycloak's database, joined to the current request's transaction. */
public final class Database {

    private static final String LOCK_TIMEOUT = "jakarta.persistence.lock.timeout";
    /** Hibernate's lock timeout meaning SKIP LOCKED (on databases without it, a plain FOR UPDATE). */
    private static final int SKIP_LOCKED = -2;

    private Database() {
    }

    public static EntityManager entityManager(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /**
     * The first row of the query, optionally row-locked ({@code SELECT … FOR UPDATE}) until the
     * transaction ends, so that concurrent changes of the same row run one after another.
     *
     * @param busy the answer when the database gives up waiting for the lock
     */
    public static <T> Optional<T> first(TypedQuery<T> query, boolean lock, Supplier<? extends RuntimeException> busy) {
        if (!lock) {
            return query.getResultStream().findFirst();
        }
        try {
            return query.setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
        } catch (PersistenceException e) {
            throw busy.get();
        }
    }

    /**
     * Row-locks what the query finds until the transaction ends, skipping rows another transaction holds
     * ({@code SKIP LOCKED}) instead of waiting for them: for background work on every node, where a later
     * round takes what was skipped and no two nodes take the same row.
     */
    public static <T> TypedQuery<T> skipLocked(TypedQuery<T> query) {
        return query.setLockMode(LockModeType.PESSIMISTIC_WRITE).setHint(LOCK_TIMEOUT, SKIP_LOCKED);
    }
}
