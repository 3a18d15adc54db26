package io.github.inviteonly.reset;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * The privileged roles an account holds, directly, through a composite or through a group: any of
 * Keycloak's {@code realm-management} roles, and the roles the realm names in
 * {@code inviteOnly.passwordReset.privilegedRoles}.
 */
final class PrivilegedRoles {

    private PrivilegedRoles() {
    }

    /** @return the held roles, as named in reasons; a realm-management role implied by another held one is left out */
    static List<String> heldBy(RealmModel realm, UserModel user, List<String> configured) {
        List<String> held = new ArrayList<>(heldAdminRoles(realm, user));
        for (String name : configured) {
            RoleModel role = find(realm, name);
            if (role != null && user.hasRole(role) && !held.contains(role.getName()) && !held.contains(name)) {
                held.add(name);
            }
        }
        return held;
    }

    private static List<String> heldAdminRoles(RealmModel realm, UserModel user) {
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        if (management == null) {
            return List.of();
        }
        List<RoleModel> held = management.getRolesStream().filter(user::hasRole).toList();
        // realm-admin implies every other one: name the role that was granted, not all it contains.
        return held.stream()
                .filter(role -> held.stream().noneMatch(other -> other != role && other.isComposite() && other.hasRole(role)))
                .map(RoleModel::getName).sorted().toList();
    }

    /** A realm role by name, or a client role as {@code clientId/role}; null when there is none. */
    private static RoleModel find(RealmModel realm, String name) {
        int slash = name.indexOf('/');
        if (slash < 0) {
            return realm.getRole(name);
        }
        ClientModel client = realm.getClientByClientId(name.substring(0, slash));
        return Stream.ofNullable(client).map(c -> c.getRole(name.substring(slash + 1))).filter(Objects::nonNull)
                .findFirst().orElse(null);
    }
}
