package io.github.inviteonly.realm;

import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.managers.ClientManager;

/**
 * A public client that the extension creates in every realm for pages it serves: authorization code with
 * PKCE (S256) only, root URL {@code ${authBaseUrl}} and relative redirect URIs, as with Keycloak's built-in
 * clients, so it works on whatever host and port Keycloak answers.
 *
 * @param redirectUris exactly the pages that may receive its codes
 * @param withoutThem what fails while an existing client of that id lacks them (for the warning)
 */
record PageClient(String clientId, String name, String description, String baseUrl, List<String> redirectUris,
                  String withoutThem) {

    private static final Logger LOG = Logger.getLogger(PageClient.class);

    /**
     * Idempotent: a realm that has the client (imported, or created earlier) keeps it as it is; one that
     * cannot serve the pages (not public, or without the redirect URIs) is reported, not changed.
     */
    void ensure(KeycloakSession session, RealmModel realm) {
        ClientModel existing = realm.getClientByClientId(clientId);
        if (existing != null) {
            if (!existing.isPublicClient() || !existing.getRedirectUris().containsAll(redirectUris)) {
                LOG.warnf("Realm %s has a client '%s' that is not public or lacks the redirect URIs %s: %s",
                        realm.getName(), clientId, redirectUris, withoutThem);
            }
            return;
        }
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setName(name);
        client.setDescription(description);
        client.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setImplicitFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        client.setRootUrl("${authBaseUrl}");
        client.setBaseUrl(baseUrl);
        client.setRedirectUris(redirectUris);
        client.setWebOrigins(List.of("+"));
        client.setAttributes(Map.of("pkce.code.challenge.method", "S256", "post.logout.redirect.uris", "+"));
        ClientManager.createClient(session, realm, client);
    }
}
