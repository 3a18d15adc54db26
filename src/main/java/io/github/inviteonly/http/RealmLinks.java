package io.github.inviteonly.http;

import java.net.URI;
import java.util.Optional;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.util.ResolveRelative;

/** Where people sign in after our pages, on the host and port this request came to. */
public final class RealmLinks {

    private RealmLinks() {
    }

    /**
     * Where the links we email point: the address this request came to (Keycloak's hostname, when set).
     * Kept with a letter, so that the sweep, outside any request, can send the letter again with a new link.
     */
    public static String emailBase(KeycloakSession session) {
        return session.getContext().getUri().getBaseUri().toString();
    }

    /** Keycloak's account console of the realm: signing in there needs no client of one's own. */
    public static URI accountConsole(KeycloakSession session, RealmModel realm) {
        return session.getContext().getUri().getBaseUriBuilder().path("realms/{realm}/account/").build(realm.getName());
    }

    /** The client's base URL, resolved against its root URL; empty when it has none. */
    public static Optional<URI> baseUrl(KeycloakSession session, ClientModel client) {
        return Optional.ofNullable(client.getBaseUrl())
                .map(base -> URI.create(ResolveRelative.resolveRelativeUri(session, client.getRootUrl(), base)));
    }
}
