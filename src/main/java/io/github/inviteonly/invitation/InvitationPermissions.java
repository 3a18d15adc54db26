package io.github.inviteonly.invitation;

import io.github.inviteonly.http.ApiException;
import io.github.inviteonly.realm.ExtensionRoles;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Who may do what with invitations, on top of Keycloak's admin permission model. User administrators
 * ({@code manage-users} / {@code view-users}) may; so may holders of our {@code realm-management} roles
 * {@code manage-invitations} / {@code view-invitations}.
 */
public final class InvitationPermissions {

    private final AdminPermissionEvaluator auth;

    public InvitationPermissions(AdminPermissionEvaluator auth) {
        this.auth = auth;
    }

    public void requireView() {
        if (!(auth.users().canView() || auth.users().canManage()
                || auth.hasOneAdminRole(ExtensionRoles.VIEW_INVITATIONS, ExtensionRoles.MANAGE_INVITATIONS))) {
            throw ApiException.forbidden("Viewing invitations needs view-invitations or view-users");
        }
    }

    public void requireManage() {
        if (!(auth.users().canManage() || auth.hasOneAdminRole(ExtensionRoles.MANAGE_INVITATIONS))) {
            throw ApiException.forbidden("Managing invitations needs manage-invitations or manage-users");
        }
    }

    /**
     * The role ceiling: a user administrator may put a role on an invitation when Keycloak would let
     * them map it to a user (which already stops granting admin roles one does not hold); anyone else
     * only roles they hold themselves.
     */
    void requireGrantable(RoleModel role) {
        boolean allowed = auth.users().canManage() ? auth.roles().canMapRole(role) : caller().hasRole(role);
        if (!allowed) {
            throw ApiException.forbidden("You may not grant the role '" + role.getName() + "'");
        }
    }

    /** Likewise for groups: membership management, or groups the caller belongs to. */
    void requireGrantable(GroupModel group, String path) {
        boolean allowed = auth.users().canManage() ? auth.groups().canManageMembership(group) : caller().isMemberOf(group);
        if (!allowed) {
            throw ApiException.forbidden("You may not add members to the group '" + path + "'");
        }
    }

    UserModel caller() {
        return auth.adminAuth().getUser();
    }
}
