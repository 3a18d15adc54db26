package io.github.inviteonly.realm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.ModelToRepresentation;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.managers.ClientManager;

/**
 * A public client that the extension creates in every realm for pages it serves: authorization code with
 * PKCE (S256) only, root URL {@code ${authBaseUrl}} and relative redirect URIs, as with Keycloak's built-in
 * clients, so it works on whatever host and port Keycloak answers. Without full scope: see {@link #representation}.
 *
 * @param redirectUris exactly the pages that may receive its codes
 * @param withoutThem what fails while an existing client of that id lacks them (for the warning)
 */
record PageClient(String clientId, String name, String description, String baseUrl, List<String> redirectUris,
                  String withoutThem) {

    private static final Logger LOG = Logger.getLogger(PageClient.class);

    /**
     * Idempotent: a realm that has the client (imported, or created earlier) keeps it as it is; one that
     * cannot serve the pages (not public, or without the redirect URIs) is reported, not changed. A client
     * with full scope is narrowed when it is still exactly as the extension created it before it created
     * clients without (see {@link #narrowFullScope}).
     */
    void ensure(KeycloakSession session, RealmModel realm) {
        ClientModel existing = realm.getClientByClientId(clientId);
        if (existing == null) {
            ClientManager.createClient(session, realm, representation());
            return;
        }
        if (!existing.isPublicClient() || !existing.getRedirectUris().containsAll(redirectUris)) {
            LOG.warnf("Realm %s has a client '%s' that is not public or lacks the redirect URIs %s: %s",
                    realm.getName(), clientId, redirectUris, withoutThem);
        }
        if (existing.isFullScopeAllowed()) {
            narrowFullScope(session, realm, existing);
        }
    }

    /**
     * Full scope puts every role of the user into the client's tokens, so they work against Keycloak's whole
     * admin API. Earlier versions created the client so; one nobody changed since is the extension's to fix.
     * A changed one is its administrator's: left as it is, with the reason in the log.
     */
    private void narrowFullScope(KeycloakSession session, RealmModel realm, ClientModel existing) {
        List<String> changed = new ArrayList<>(ClientChanges.between(representation(),
                ModelToRepresentation.toRepresentation(existing, session)));
        if (existing.getScopeMappingsStream().findAny().isPresent()) {
            changed.add("role scope mappings");
        }
        if (changed.isEmpty()) {
            existing.setFullScopeAllowed(false);
            LOG.infof("Realm %s: the client '%s' that the extension created no longer has full scope; "
                    + "the extension's API judges its tokens by the user's own roles", realm.getName(), clientId);
        } else {
            LOG.warnf("Realm %s: the client '%s' keeps full scope, so its tokens carry every role of the user into "
                    + "Keycloak's admin API; it was changed since the extension created it (%s), so the extension "
                    + "leaves it to you: turn off 'Full scope allowed' on its dedicated scope",
                    realm.getName(), clientId, String.join(", ", changed));
        }
    }

    /**
     * The client as the extension creates it: without full scope and without role scope mappings, so its
     * tokens carry no admin role; the extension's admin API judges them by the user's own roles instead.
     */
    private ClientRepresentation representation() {
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
        client.setFullScopeAllowed(false);
        return client;
    }
}
