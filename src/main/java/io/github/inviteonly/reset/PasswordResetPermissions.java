package io.github.inviteonly.reset;

import io.github.inviteonly.http.ApiException;
import io.github.inviteonly.realm.ExtensionRoles;
import org.keycloak.common.util.Encode;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;

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

    /**
     * The permissions of whoever called Keycloak's own admin REST API in this request (e.g. the console's
     * Credential reset), from the bearer token Keycloak has already verified and kept in the context.
     */
    static PasswordResetPermissions ofAdminCaller(KeycloakSession session, RealmModel realm) {
        if (!(session.getContext().getBearerToken() instanceof AccessToken token) || token.getIssuer() == null) {
            throw ApiException.forbidden(DecisionRule.NEEDS_ROLE);
        }
        // The token's realm, found as Keycloak's admin root finds it (the last segment of the issuer).
        String issuer = token.getIssuer();
        RealmModel adminRealm = session.realms().getRealmByName(Encode.decodePath(issuer.substring(issuer.lastIndexOf('/') + 1)));
        UserModel user = adminRealm == null ? null : caller(session, adminRealm, token);
        ClientModel client = adminRealm == null || token.getIssuedFor() == null ? null : adminRealm.getClientByClientId(token.getIssuedFor());
        if (user == null || client == null) {
            throw ApiException.forbidden(DecisionRule.NEEDS_ROLE);
        }
        return new PasswordResetPermissions(AdminPermissions.evaluator(session, realm, new AdminAuth(adminRealm, token, user, client)));
    }

    /**
     * The token's user as Keycloak's bearer-token check finds it: through the token's user session, since
     * the admin console's lightweight access tokens carry no subject; else by the subject.
     */
    private static UserModel caller(KeycloakSession session, RealmModel adminRealm, AccessToken token) {
        UserSessionModel userSession = token.getSessionId() == null ? null : session.sessions().getUserSession(adminRealm, token.getSessionId());
        if (userSession != null) {
            return userSession.getUser();
        }
        return token.getSubject() == null ? null : session.users().getUserById(adminRealm, token.getSubject());
    }

    public boolean mayApprove() {
        return auth.users().canManage() || auth.hasOneAdminRole(ExtensionRoles.APPROVE_PASSWORD_RESETS);
    }

    public void requireApprover() {
        if (!mayApprove()) {
            throw ApiException.forbidden(DecisionRule.NEEDS_ROLE);
        }
    }

    UserModel caller() {
        return auth.adminAuth().getUser();
    }

    AdminAuth adminAuth() {
        return auth.adminAuth();
    }
}
