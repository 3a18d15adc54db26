package io.github.inviteonly.realm;

import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The public client the manage page signs in with, in every realm; its one redirect URI is the page itself.
 * Kept apart from {@link ExtensionClient}, whose codes are never redeemed.
 */
public final class ManageClient {

    public static final String CLIENT_ID = "invite-only-manage";

    private ManageClient() {
    }

    /** The manage page's path, which is also the client's only redirect URI. */
    public static String pagePath(RealmModel realm) {
        return "/realms/" + realm.getName() + "/invite-only/manage/";
    }

    public static void ensure(KeycloakSession session, RealmModel realm) {
        String page = pagePath(realm);
        new PageClient(CLIENT_ID, "Invitations and password resets", "Created by the invite-only extension for its manage page.",
                page, List.of(page), "the manage page cannot sign in until it has it").ensure(session, realm);
    }
}
