package io.github.inviteonly.wiring;

import io.github.inviteonly.invitation.InvitationService;
import io.github.inviteonly.realm.ExtensionClient;
import io.github.inviteonly.realm.ExtensionRoles;
import io.github.inviteonly.realm.ManageClient;
import io.github.inviteonly.reset.ConsoleDecisions;
import io.github.inviteonly.reset.ResetHousekeeping;
import org.jboss.logging.Logger;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;

/**
 * Keeps the extension in step with realms and users: our roles, our client and the reset queue group
 * in every realm, our rows removed with their realm, a deleted user's open reset request closed, and a
 * console removal from the queue group judged as a decision.
 */
final class RealmLifecycle {

    private static final Logger LOG = Logger.getLogger(RealmLifecycle.class);

    private RealmLifecycle() {
    }

    static void onEvent(ProviderEvent event) {
        if (event instanceof PostMigrationEvent migrated) {
            // Realms that existed before the extension was installed are prepared at start-up.
            try {
                KeycloakModelUtils.runJobInTransaction(migrated.getFactory(),
                        session -> session.realms().getRealmsStream().forEach(realm -> prepare(session, realm)));
            } catch (RuntimeException e) {
                // Another node of the cluster may be doing the same right now; it will finish the job.
                LOG.warnf("Could not prepare realms at start-up: %s", e.getMessage());
            }
        } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
            prepare(created.getKeycloakSession(), created.getCreatedRealm());
        } else if (event instanceof UserModel.UserRemovedEvent removed) {
            ResetHousekeeping.userRemoved(removed.getKeycloakSession(), removed.getRealm(), removed.getUser().getId());
        } else if (event instanceof GroupModel.GroupMemberLeaveEvent left) {
            ConsoleDecisions.leavingGroup(left.getKeycloakSession(), left.getRealm(), left.getGroup());
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            InvitationService.deleteRealm(removed.getKeycloakSession(), removed.getRealm().getId());
            ResetHousekeeping.deleteRealm(removed.getKeycloakSession(), removed.getRealm().getId());
        }
    }

    private static void prepare(KeycloakSession session, RealmModel realm) {
        ExtensionRoles.ensure(realm);
        ExtensionClient.ensure(session, realm);
        ManageClient.ensure(session, realm);
        ResetHousekeeping.ensureQueue(session, realm);
    }
}
