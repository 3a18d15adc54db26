package io.github.inviteonly.reset;

import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** The emailed single-use link: {@code …/realms/{realm}/invite-only/password-resets/complete?token=…}. */
final class ResetLinks {

    private ResetLinks() {
    }

    static String link(KeycloakSession session, RealmModel realm, String token) {
        return address(session).queryParam("token", token).build(realm.getName()).toString();
    }

    /** The link without its token, the realm still a template parameter. */
    static UriBuilder address(KeycloakSession session) {
        return session.getContext().getUri().getBaseUriBuilder().path("realms/{realm}/invite-only/password-resets/complete");
    }
}
