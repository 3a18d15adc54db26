package io.github.inviteonly.flow;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * What our flow steps, authenticators and the registration form action alike, answer Keycloak: no user
 * needed beforehand, nothing a user must set up first, nothing to close (one instance serves every request).
 * A class, not an interface with defaults: Keycloak's {@code Authenticator} and {@code FormAction} declare
 * these methods themselves, and only a superclass's methods implement them for both.
 */
public abstract class FlowStep {

    public boolean requiresUser() {
        return false;
    }

    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    public void close() {
    }
}
