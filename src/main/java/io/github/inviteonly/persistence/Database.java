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
}
