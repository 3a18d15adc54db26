package io.github.inviteonly.reset;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The approval queue as the admin console shows it: users with a pending request are members of the
 * top-level group "Password reset requests". Approvers see it under Groups → Members and on each
 * user's Groups tab; removing a member there rejects the request.
 */
final class ResetQueue {

    static final String GROUP_NAME = "Password reset requests";

    private ResetQueue() {
    }

    static GroupModel find(KeycloakSession session, RealmModel realm) {
        return KeycloakModelUtils.findGroupByPath(session, realm, "/" + GROUP_NAME);
    }

    /** What the console shows for the group: what the two console actions do to a member's request (at most 255 characters). */
    static final String DESCRIPTION = "Users who asked for a password reset. Approve: user > Credentials > Credential "
            + "reset, Update Password only (emails our approval with a single-use link). Reject: leave this group (emails "
            + "a rejection).";

    static GroupModel ensure(KeycloakSession session, RealmModel realm) {
        GroupModel group = find(session, realm);
        if (group == null) {
            group = session.groups().createGroup(realm, GROUP_NAME);
        }
        if (!DESCRIPTION.equals(group.getDescription())) {
            group.setDescription(DESCRIPTION);
        }
        return group;
    }

    static boolean isQueue(KeycloakSession session, RealmModel realm, String groupId) {
        GroupModel group = find(session, realm);
        return group != null && group.getId().equals(groupId);
    }

    static void join(KeycloakSession session, RealmModel realm, UserModel user) {
        user.joinGroup(ensure(session, realm));
    }

    static void leave(KeycloakSession session, RealmModel realm, UserModel user) {
        GroupModel group = find(session, realm);
        if (group != null && user.isMemberOf(group)) {
            user.leaveGroup(group);
        }
    }
}
