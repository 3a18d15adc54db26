package io.github.inviteonly.reset;

import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** The emailed single-use link: {@code …/realms/{realm}/invite-only/password-resets/complete?token=…}. */
final class ResetLinks {

    private ResetLinks() {
    }

    /** @param base where the links we email point ({@code RealmLinks.emailBase}) */
    static String link(String base, RealmModel realm, String token) {
        return address(UriBuilder.fromUri(base)).queryParam("token", token).build(realm.getName()).toString();
    }

    /** The link without its token, the realm still a template parameter. */
    static UriBuilder address(KeycloakSession session) {
        return address(session.getContext().getUri().getBaseUriBuilder());
    }

    private static UriBuilder address(UriBuilder base) {
        return base.path("realms/{realm}/invite-only/password-resets/complete");
    }
}
