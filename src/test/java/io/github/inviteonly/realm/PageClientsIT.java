package io.github.inviteonly.realm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.EarlierClientsRealmConfig;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.Invitations;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.PageSignIn;
import io.github.inviteonly.support.PasswordResets;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.MappingsRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Least privilege for the extension's page clients: their tokens carry no admin role, so Keycloak's own
 * admin API refuses them, while the extension's admin API judges them by the signed-in user's roles.
 */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class PageClientsIT {

    private static final List<String> PAGE_CLIENTS = List.of(ExtensionClient.CLIENT_ID, ManageClient.CLIENT_ID);

    @InjectRealm(fromJson = DemoRealm.JSON, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm demo;

    @InjectRealm(ref = "earlier", config = EarlierClientsRealmConfig.class)
    ManagedRealm earlier;

    @InjectAdminClient
    Keycloak admin;

    @Test
    void bothPageClientsHaveNoFullScopeAndNoRoleInTheirScope() {
        for (String realm : List.of("master", demo.getName())) {
            for (String clientId : PAGE_CLIENTS) {
                ClientRepresentation client = admin.realm(realm).clients().findByClientId(clientId).get(0);
                assertFalse(client.isFullScopeAllowed(), realm + " " + clientId);
                MappingsRepresentation scope = admin.realm(realm).clients().get(client.getId()).getScopeMappings().getAll();
                assertTrue(scope.getRealmMappings() == null || scope.getRealmMappings().isEmpty(), realm + " " + clientId);
                assertTrue(scope.getClientMappings() == null || scope.getClientMappings().isEmpty(),
                        realm + " " + clientId + ": " + scope.getClientMappings());
            }
        }
    }

    @Test
    void aManagePageTokenIsRefusedByKeycloaksAdminApiAndServesTheExtensionsByTheUsersRoles() {
        String token = managePageToken(DemoRealm.ALICE, DemoRealm.ALICE_PASSWORD);
        PasswordResets.Person someone = new PasswordResets(demo).newPerson();
        String users = demo.getBaseUrl().replace("/realms/", "/admin/realms/") + "/users";

        assertEquals(403, Http.get(users, token).status(), "Keycloak's user list");
        assertEquals(403, Http.delete(users + "/" + someone.id(), token).status(), "deleting a user");
        assertEquals(someone.id(), demo.admin().users().get(someone.id()).toRepresentation().getId(), "still there");

        JsonNode access = Http.get(DemoRealm.adminApi(demo) + "/access", token).json();
        assertEquals(List.of(true, true, true), flags(access), "alice's manage-users: " + access);
        assertEquals(200, Http.get(DemoRealm.adminApi(demo) + "/invitations", token).status());
        assertEquals(200, Http.get(DemoRealm.adminApi(demo) + "/password-resets", token).status());
    }

    @Test
    void theRoleCeilingJudgesAManagePageTokenByTheUsersRoles() {
        String director = managePageToken(DemoRealm.DAVE, DemoRealm.DAVE_PASSWORD);
        Invitations invitations = new Invitations(demo);

        assertEquals(List.of(false, true, true), flags(Http.get(DemoRealm.adminApi(demo) + "/access", director).json()));
        Http.Reply sales = invitations.create(director, Map.of("email", Invitations.newEmail(), "roles", List.of("sales")));
        Http.Reply own = invitations.create(director, Map.of("email", Invitations.newEmail(), "roles", List.of("director"),
                "sendEmail", false));

        assertEquals(403, sales.status(), sales::toString);
        assertEquals(201, own.status(), own::toString);
        String users = demo.getBaseUrl().replace("/realms/", "/admin/realms/") + "/users";
        assertEquals(403, Http.get(users, director).status());
    }

    @Test
    void aDocsAuthorizeTokenIsRefusedByKeycloaksAdminApiAndServesTheExtensions() {
        String token = PageSignIn.accessToken(demo, ExtensionClient.CLIENT_ID, DemoRealm.api(demo) + "/docs/oauth2-redirect.html",
                DemoRealm.ALICE, DemoRealm.ALICE_PASSWORD);

        assertEquals(403, Http.get(demo.getBaseUrl().replace("/realms/", "/admin/realms/") + "/users", token).status());
        assertEquals(List.of(true, true, true), flags(Http.get(DemoRealm.adminApi(demo) + "/access", token).json()));
        assertEquals(200, Http.get(DemoRealm.adminApi(demo) + "/invitations", token).status());
    }

    @Test
    void aClientTheExtensionCreatedWithFullScopeLosesItUnlessSomeoneChangedIt() {
        ClientResource untouched = client(ExtensionClient.CLIENT_ID);
        ClientResource renamed = client(ManageClient.CLIENT_ID);

        assertFalse(untouched.toRepresentation().isFullScopeAllowed(), "as the extension created it: narrowed");
        assertEquals(EarlierClientsRealmConfig.RENAMED, renamed.toRepresentation().getName());
        assertTrue(renamed.toRepresentation().isFullScopeAllowed(), "changed by an administrator: left as it is");
    }

    private ClientResource client(String clientId) {
        return earlier.admin().clients().get(earlier.admin().clients().findByClientId(clientId).get(0).getId());
    }

    private String managePageToken(String username, String password) {
        return PageSignIn.accessToken(demo, ManageClient.CLIENT_ID, DemoRealm.api(demo) + "/manage/", username, password);
    }

    private static List<Boolean> flags(JsonNode access) {
        return List.of(access.get("passwordResets").asBoolean(), access.get("viewInvitations").asBoolean(),
                access.get("manageInvitations").asBoolean());
    }
}
