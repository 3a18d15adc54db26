package io.github.inviteonly.reset;

import io.github.inviteonly.http.ApiException;
import io.github.inviteonly.realm.ExtensionRoles;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Who may see and decide password-reset requests: user administrators ({@code manage-users}, who can
 * reset passwords in Keycloak anyway) and holders of our {@code realm-management} role
 * {@code approve-password-resets}.
 */
public final class PasswordResetPermissions {

    private final AdminPermissionEvaluator auth;

    public PasswordResetPermissions(AdminPermissionEvaluator auth) {
        this.auth = auth;
    }

    public void requireApprover() {
        if (!(auth.users().canManage() || auth.hasOneAdminRole(ExtensionRoles.APPROVE_PASSWORD_RESETS))) {
            throw ApiException.forbidden("Password-reset requests need approve-password-resets or manage-users");
        }
    }

    UserModel caller() {
        return auth.adminAuth().getUser();
    }
}
