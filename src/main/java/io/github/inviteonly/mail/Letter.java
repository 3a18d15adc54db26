package io.github.inviteonly.mail;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** An email posted to the {@link Outbox}: composed and sent once the state it tells about has committed. */
@FunctionalInterface
public interface Letter {

    /**
     * Sends the email in {@code session}, a transaction of its own with {@code realm} in its context, and
     * records the outcome on the row it belongs to.
     *
     * @return how it went; null when there was nothing left to send (e.g. a newer link replaced this one)
     */
    EmailDelivery send(KeycloakSession session, RealmModel realm);
}
