package io.github.inviteonly.support;

import java.util.List;
import java.util.Map;

import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;

/**
 * A realm holding the extension's two page clients as its earlier versions created them (full scope):
 * {@code invite-only} untouched since, {@code invite-only-manage} renamed by an administrator.
 */
public class EarlierClientsRealmConfig implements RealmConfig {

    public static final String NAME = "earlier";
    public static final String RENAMED = "Our approvals page";

    @Override
    public RealmBuilder configure(RealmBuilder realm) {
        String path = "/realms/" + NAME;
        return realm.name(NAME).clients(
                asCreated("invite-only", "keycloak-invite-only",
                        "Created by the invite-only extension for its own pages (invitation sign-up, API docs).", path + "/account/",
                        List.of(path + "/invite-only/invitations/signed-up", path + "/invite-only/docs/oauth2-redirect.html")),
                asCreated("invite-only-manage", RENAMED, "Created by the invite-only extension for its manage page.",
                        path + "/invite-only/manage/", List.of(path + "/invite-only/manage/")));
    }

    /** The fields the extension set before issue 22, and Keycloak's default of full scope. */
    private static ClientRepresentation asCreated(String clientId, String name, String description, String baseUrl,
                                                  List<String> redirectUris) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setName(name);
        client.setDescription(description);
        client.setProtocol("openid-connect");
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setImplicitFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        client.setRootUrl("${authBaseUrl}");
        client.setBaseUrl(baseUrl);
        client.setRedirectUris(redirectUris);
        client.setWebOrigins(List.of("+"));
        client.setAttributes(Map.of("pkce.code.challenge.method", "S256", "post.logout.redirect.uris", "+"));
        client.setFullScopeAllowed(true);
        return client;
    }
}
