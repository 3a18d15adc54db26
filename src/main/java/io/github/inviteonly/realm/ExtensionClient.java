package io.github.inviteonly.realm;

import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The extension's own public client in every realm, for its own pages: the invitation sign-up runs
 * Keycloak's registration page under it, and Swagger UI's Authorize signs in with it.
 */
public final class ExtensionClient {

    public static final String CLIENT_ID = "invite-only";

    private ExtensionClient() {
    }

    public static void ensure(KeycloakSession session, RealmModel realm) {
        String realmPath = "/realms/" + realm.getName();
        // Exactly our two pages: the client signs in from an existing session, so no other page may get its codes.
        new PageClient(CLIENT_ID, "keycloak-invite-only",
                "Created by the invite-only extension for its own pages (invitation sign-up, API docs).",
                realmPath + "/account/",
                List.of(realmPath + "/invite-only/invitations/signed-up", realmPath + "/invite-only/docs/oauth2-redirect.html"),
                "invitation sign-up and the docs' Authorize will fail until it has them").ensure(session, realm);
    }
}
