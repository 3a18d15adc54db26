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
 * The extension's own public client in every realm, for its own pages: the invitation sign-up runs
 * Keycloak's registration page under it, and Swagger UI's Authorize signs in with it. Its root URL is
 * {@code ${authBaseUrl}} and its redirect URIs are relative, as with Keycloak's built-in clients, so it
 * works on whatever host and port Keycloak answers.
 */
public final class ExtensionClient {

    public static final String CLIENT_ID = "invite-only";

    private static final Logger LOG = Logger.getLogger(ExtensionClient.class);

    private ExtensionClient() {
    }

    /**
     * Idempotent: a realm that has the client (imported, or created earlier) keeps it as it is; one that
     * cannot serve our pages (another client by that name) is reported, not changed.
     */
    public static void ensure(KeycloakSession session, RealmModel realm) {
        String realmPath = "/realms/" + realm.getName();
        List<String> redirectUris = List.of(realmPath + "/invite-only/invitations/signed-up",
                realmPath + "/invite-only/docs/oauth2-redirect.html");
        ClientModel existing = realm.getClientByClientId(CLIENT_ID);
        if (existing != null) {
            if (!existing.isPublicClient() || !existing.getRedirectUris().containsAll(redirectUris)) {
                LOG.warnf("Realm %s has a client '%s' that is not public or lacks the redirect URIs %s: invitation "
                        + "sign-up and the docs' Authorize will fail until it has them", realm.getName(), CLIENT_ID, redirectUris);
            }
            return;
        }
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(CLIENT_ID);
        client.setName("keycloak-invite-only");
        client.setDescription("Created by the invite-only extension for its own pages (invitation sign-up, API docs).");
        client.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setImplicitFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        client.setRootUrl("${authBaseUrl}");
        client.setBaseUrl(realmPath + "/account/");
        // Exactly our two pages: the client signs in from an existing session, so no other page may get its codes.
        client.setRedirectUris(redirectUris);
        client.setWebOrigins(List.of("+"));
        client.setAttributes(Map.of("pkce.code.challenge.method", "S256", "post.logout.redirect.uris", "+"));
        ClientManager.createClient(session, realm, client);
    }
}
