package io.github.inviteonly.realm;

import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

/**
 * Our admin roles on each realm's {@code realm-management} client, beside Keycloak's own: assignable
 * in the console like {@code manage-users}, and included in {@code realm-admin}.
 */
public final class ExtensionRoles {

    public static final String MANAGE_INVITATIONS = "manage-invitations";
    public static final String VIEW_INVITATIONS = "view-invitations";
    public static final String APPROVE_PASSWORD_RESETS = "approve-password-resets";

    private ExtensionRoles() {
    }

    /** Idempotent: realms imported with the roles already declared are left as they are. The master
     * realm has no realm-management client and is skipped. */
    public static void ensure(RealmModel realm) {
        ClientModel realmManagement = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        if (realmManagement == null) {
            return;
        }
        RoleModel view = role(realmManagement, VIEW_INVITATIONS, "View invitations");
        RoleModel manage = role(realmManagement, MANAGE_INVITATIONS, "Create, resend and revoke invitations");
        if (!manage.hasRole(view)) {
            manage.addCompositeRole(view);
        }
        RoleModel approve = role(realmManagement, APPROVE_PASSWORD_RESETS,
                "See, approve and reject password-reset requests");
        RoleModel realmAdmin = realmManagement.getRole(AdminRoles.REALM_ADMIN);
        if (realmAdmin != null) {
            for (RoleModel ours : new RoleModel[] {manage, approve}) {
                if (!realmAdmin.hasRole(ours)) {
                    realmAdmin.addCompositeRole(ours);
                }
            }
        }
    }

    private static RoleModel role(ClientModel client, String name, String description) {
        RoleModel role = client.getRole(name);
        if (role == null) {
            role = client.addRole(name);
            role.setDescription(description);
        }
        return role;
    }
}
