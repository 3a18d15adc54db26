package io.github.inviteonly.http;

import java.util.function.Supplier;

import org.keycloak.models.KeycloakSession;

/**
 * Keycloak commits the request's transaction when the session closes unless it was marked
 * rollback-only, and only its own error mapper marks it; our {@link ApiException} answers bypass that
 * mapper. Every operation that writes therefore runs through here, so a failed one commits nothing.
 */
public final class Transactions {

    private Transactions() {
    }

    public static <T> T writing(KeycloakSession session, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            session.getTransactionManager().setRollbackOnly();
            throw e;
        }
    }
}
