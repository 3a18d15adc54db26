package io.github.inviteonly.realm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.github.inviteonly.realm.ExtensionRoles;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/** Every realm gets our roles and the reset queue group, also one that never declared them. */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class ExtensionRolesIT {

    /** A plain realm made by the test framework, knowing nothing of this extension. */
    @InjectRealm
    ManagedRealm plain;

    @Test
    void aNewRealmGetsTheRolesInsideRealmAdminAndTheResetQueue() {
        String realmManagementId = plain.admin().clients().findByClientId("realm-management").get(0).getId();
        ClientResource realmManagement = plain.admin().clients().get(realmManagementId);

        List<String> roles = realmManagement.roles().list().stream().map(RoleRepresentation::getName).toList();
        List<String> inRealmAdmin = realmManagement.roles().get("realm-admin").getRoleComposites().stream()
                .map(RoleRepresentation::getName).toList();
        List<String> inManage = realmManagement.roles().get(ExtensionRoles.MANAGE_INVITATIONS).getRoleComposites()
                .stream().map(RoleRepresentation::getName).toList();

        assertTrue(roles.containsAll(List.of(ExtensionRoles.MANAGE_INVITATIONS, ExtensionRoles.VIEW_INVITATIONS)),
                roles::toString);
        assertTrue(inRealmAdmin.contains(ExtensionRoles.MANAGE_INVITATIONS), inRealmAdmin::toString);
        assertTrue(inManage.contains(ExtensionRoles.VIEW_INVITATIONS), inManage::toString);
        assertTrue(roles.contains(ExtensionRoles.APPROVE_PASSWORD_RESETS), roles::toString);
        assertTrue(inRealmAdmin.contains(ExtensionRoles.APPROVE_PASSWORD_RESETS), inRealmAdmin::toString);
        assertTrue(plain.admin().groups().groups().stream().anyMatch(g -> g.getName().equals("Password reset requests")));
    }
}
