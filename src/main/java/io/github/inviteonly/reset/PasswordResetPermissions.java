package io.github.inviteonly.reset;

import io.github.inviteonly.http.ApiException;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Who may see and decide password-reset requests: user administrators ({@code manage-users}, who can
 * reset passwords in Keycloak anyway) and holders of our {@code realm-management} role
 * {@code approve-password-resets}.
 */
public final class PasswordResetPermissions {

    public static final String APPROVE_PASSWORD_RESETS = "approve-password-resets";

    private final AdminPermissionEvaluator auth;

    PasswordResetPermissions(AdminPermissionEvaluator auth) {
        this.auth = auth;
    }

    void requireApprover() {
        if (!(auth.users().canManage() || auth.hasOneAdminRole(APPROVE_PASSWORD_RESETS))) {
            throw ApiException.forbidden("Password-reset requests need approve-password-resets or manage-users");
        }
    }

    UserModel caller() {
        return auth.adminAuth().getUser();
    }
}
