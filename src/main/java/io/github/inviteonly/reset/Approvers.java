package io.github.inviteonly.reset;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import io.github.inviteonly.realm.ExtensionRoles;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * The realm's users who may approve a reset, found through the database rather than by scanning users:
 * members of every realm or realm-management role that includes {@code approve-password-resets} or
 * {@code manage-users}, directly or through groups.
 */
final class Approvers {

    /** Enough to reach a help desk, few enough that a request cannot turn into a mail storm. */
    static final int MAX_NOTIFIED = 50;

    private Approvers() {
    }

    static List<UserModel> of(KeycloakSession session, RealmModel realm, String requesterId) {
        ClientModel realmManagement = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        if (realmManagement == null) {
            return List.of();
        }
        List<RoleModel> granting = Stream.of(ExtensionRoles.APPROVE_PASSWORD_RESETS, AdminRoles.MANAGE_USERS)
                .map(realmManagement::getRole).filter(Objects::nonNull).toList();
        List<RoleModel> roles = Stream.concat(realm.getRolesStream(), realmManagement.getRolesStream())
                .filter(role -> granting.stream().anyMatch(role::hasRole))
                .toList();
        Map<String, UserModel> approvers = new LinkedHashMap<>();
        for (RoleModel role : roles) {
            session.users().getRoleMembersStream(realm, role).forEach(user -> approvers.putIfAbsent(user.getId(), user));
        }
        Set<String> seenGroups = new HashSet<>();
        session.groups().getGroupsStream(realm)
                .filter(group -> roles.stream().anyMatch(group::hasDirectRole))
                .forEach(group -> addMembers(session, realm, group, approvers, seenGroups));
        return approvers.values().stream()
                .filter(user -> !user.getId().equals(requesterId))
                .filter(user -> user.isEnabled() && user.getEmail() != null && user.getServiceAccountClientLink() == null)
                .limit(MAX_NOTIFIED)
                .toList();
    }

    /** Members of a group and of its subgroups, which inherit its roles. */
    private static void addMembers(KeycloakSession session, RealmModel realm, GroupModel group,
                                   Map<String, UserModel> approvers, Set<String> seenGroups) {
        if (!seenGroups.add(group.getId())) {
            return;
        }
        session.users().getGroupMembersStream(realm, group).forEach(user -> approvers.putIfAbsent(user.getId(), user));
        group.getSubGroupsStream().forEach(sub -> addMembers(session, realm, sub, approvers, seenGroups));
    }
}
