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
 * The public client the manage page signs in with, in every realm: authorization code with PKCE (S256),
 * its one redirect URI the page itself, relative to {@code ${authBaseUrl}} so it works on whatever host
 * Keycloak answers. Kept apart from {@link ExtensionClient}, whose codes are never redeemed.
 */
public final class ManageClient {

    public static final String CLIENT_ID = "invite-only-manage";

    private static final Logger LOG = Logger.getLogger(ManageClient.class);

    private ManageClient() {
    }

    /** The manage page's path, which is also the client's only redirect URI. */
    public static String pagePath(RealmModel realm) {
        return "/realms/" + realm.getName() + "/invite-only/manage/";
    }

    /** Idempotent: an existing client of that name is kept as it is, and reported when it cannot serve the page. */
    public static void ensure(KeycloakSession session, RealmModel realm) {
        String page = pagePath(realm);
        ClientModel existing = realm.getClientByClientId(CLIENT_ID);
        if (existing != null) {
            if (!existing.isPublicClient() || !existing.getRedirectUris().contains(page)) {
                LOG.warnf("Realm %s has a client '%s' that is not public or lacks the redirect URI %s: the manage page "
                        + "cannot sign in until it has it", realm.getName(), CLIENT_ID, page);
            }
            return;
        }
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(CLIENT_ID);
        client.setName("Invitations and password resets");
        client.setDescription("Created by the invite-only extension for its manage page.");
        client.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setImplicitFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        client.setRootUrl("${authBaseUrl}");
        client.setBaseUrl(page);
        client.setRedirectUris(List.of(page));
        client.setWebOrigins(List.of("+"));
        client.setAttributes(Map.of("pkce.code.challenge.method", "S256", "post.logout.redirect.uris", "+"));
        ClientManager.createClient(session, realm, client);
    }
}
