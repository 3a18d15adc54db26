package io.github.inviteonly.persistence;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/** The entity manager of Keycloak's database, joined to the current request's transaction. */
public final class Database {

    private Database() {
    }

    public static EntityManager entityManager(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
