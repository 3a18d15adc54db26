package io.github.inviteonly.invitation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.github.inviteonly.support.InviteOnlyServerConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/** Every realm gets the invitation roles, also one that never declared them. */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class InvitationRolesIT {

    /** A plain realm made by the test framework, knowing nothing of this extension. */
    @InjectRealm
    ManagedRealm plain;

    @Test
    void aNewRealmGetsTheInvitationRolesInsideRealmAdmin() {
        String realmManagementId = plain.admin().clients().findByClientId("realm-management").get(0).getId();
        ClientResource realmManagement = plain.admin().clients().get(realmManagementId);

        List<String> roles = realmManagement.roles().list().stream().map(RoleRepresentation::getName).toList();
        List<String> inRealmAdmin = realmManagement.roles().get("realm-admin").getRoleComposites().stream()
                .map(RoleRepresentation::getName).toList();
        List<String> inManage = realmManagement.roles().get(InvitationPermissions.MANAGE_INVITATIONS).getRoleComposites()
                .stream().map(RoleRepresentation::getName).toList();

        assertTrue(roles.containsAll(List.of(InvitationPermissions.MANAGE_INVITATIONS, InvitationPermissions.VIEW_INVITATIONS)),
                roles::toString);
        assertTrue(inRealmAdmin.contains(InvitationPermissions.MANAGE_INVITATIONS), inRealmAdmin::toString);
        assertTrue(inManage.contains(InvitationPermissions.VIEW_INVITATIONS), inManage::toString);
    }
}
