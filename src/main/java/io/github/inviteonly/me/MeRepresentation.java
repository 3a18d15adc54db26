package io.github.inviteonly.me;

import java.util.List;

import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.ModelToRepresentation;
import org.keycloak.models.utils.RoleUtils;

/**
 * The signed-in user as the public API shows them (the origin API's {@code me/}). Also the answer
 * of accepting an invitation, so a sign-up page sees the same shape.
 *
 * @param realmRoles effective realm roles: direct, from groups and through composites
 * @param groups     group paths
 */
public record MeRepresentation(
        String id,
        String username,
        String email,
        boolean emailVerified,
        String firstName,
        String lastName,
        List<String> realmRoles,
        List<String> groups) {

    public static MeRepresentation of(UserModel user) {
        List<String> roles = RoleUtils.getDeepUserRoleMappings(user).stream()
                .filter(RoleUtils::isRealmRole)
                .map(RoleModel::getName)
                .sorted()
                .toList();
        List<String> groups = user.getGroupsStream()
                .map(ModelToRepresentation::buildGroupPath)
                .sorted()
                .toList();
        return new MeRepresentation(user.getId(), user.getUsername(), user.getEmail(), user.isEmailVerified(),
                user.getFirstName(), user.getLastName(), roles, groups);
    }
}
