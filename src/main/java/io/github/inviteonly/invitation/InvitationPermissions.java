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

    public boolean mayView() {
        return auth.users().canView() || auth.users().canManage()
                || auth.hasOneAdminRole(ExtensionRoles.VIEW_INVITATIONS, ExtensionRoles.MANAGE_INVITATIONS);
    }

    public boolean mayManage() {
        return auth.users().canManage() || auth.hasOneAdminRole(ExtensionRoles.MANAGE_INVITATIONS);
    }

    public void requireView() {
        if (!mayView()) {
            throw ApiException.forbidden("Viewing invitations needs view-invitations or view-users");
        }
    }

    public void requireManage() {
        if (!mayManage()) {
            throw ApiException.forbidden("Managing invitations needs manage-invitations or manage-users");
        }
    }

    /**
     * The role ceiling: a user administrator may put a role on an invitation when Keycloak would let
     * them map it to a user (which already stops granting admin roles one does not hold); anyone else
     * only roles they hold themselves.
     */
    void requireGrantable(RoleModel role) {
        if (!mayGrant(role)) {
            throw ApiException.forbidden("You may not grant the role '" + role.getName() + "'");
        }
    }

    /** Likewise for groups: membership management, or groups the caller belongs to. */
    void requireGrantable(GroupModel group, String path) {
        if (!mayGrant(group)) {
            throw ApiException.forbidden("You may not add members to the group '" + path + "'");
        }
    }

    boolean mayGrant(RoleModel role) {
        return auth.users().canManage() ? auth.roles().canMapRole(role) : caller().hasRole(role);
    }

    boolean mayGrant(GroupModel group) {
        return auth.users().canManage() ? auth.groups().canManageMembership(group) : caller().isMemberOf(group);
    }

    UserModel caller() {
        return auth.adminAuth().getUser();
    }
}
