package io.github.inviteonly.wiring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

import io.github.inviteonly.realm.ExtensionClient;
import io.github.inviteonly.realm.ManageClient;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.RealmManager;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;
import org.keycloak.util.JsonSerialization;

/**
 * Tokens of the extension's own page clients at its admin API. Those clients have no full scope and no
 * admin role in scope, so their tokens carry no admin role and Keycloak's own admin endpoints refuse them.
 * Keycloak judges admin permissions by the roles in the token; for our API such a token is judged by the
 * signed-in user's own roles instead: the same evaluator, over a copy of the token that carries the
 * user's roles of the realm's admin-role client. Tokens of every other client keep Keycloak's judgment.
 */
final class PageClientTokens {

    private static final Set<String> PAGE_CLIENTS = Set.of(ExtensionClient.CLIENT_ID, ManageClient.CLIENT_ID);

    private PageClientTokens() {
    }

    static AdminPermissionEvaluator judgedByUser(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        AdminAuth admin = auth.adminAuth();
        if (admin == null || admin.getClient() == null || !PAGE_CLIENTS.contains(admin.getClient().getClientId())) {
            return auth;
        }
        ClientModel adminRoles = adminRoleClient(realm, admin.getRealm());
        if (adminRoles == null) {
            return auth;
        }
        AccessToken token = copy(admin.getToken());
        AccessToken.Access access = token.addAccess(adminRoles.getClientId());
        UserModel user = admin.getUser();
        adminRoles.getRolesStream().filter(user::hasRole).forEach(role -> access.addRole(role.getName()));
        return AdminPermissions.evaluator(session, realm, new AdminAuth(admin.getRealm(), token, user, admin.getClient()));
    }

    /** Where Keycloak looks for the caller's admin roles of this realm (as {@code MgmtPermissions.hasOneAdminRole}). */
    private static ClientModel adminRoleClient(RealmModel realm, RealmModel adminsRealm) {
        return RealmManager.isAdministrationRealm(adminsRealm) ? realm.getMasterAdminClient()
                : realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
    }

    /** The request's token stays as presented: the copy only serves this judgment. */
    private static AccessToken copy(AccessToken token) {
        try {
            return JsonSerialization.readValue(JsonSerialization.writeValueAsBytes(token), AccessToken.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
