package io.github.inviteonly.invitation;

import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;

/** Keeps invitations in step with realms: roles in every realm, rows removed with their realm. */
public final class InvitationLifecycle {

    private static final Logger LOG = Logger.getLogger(InvitationLifecycle.class);

    private InvitationLifecycle() {
    }

    public static void onEvent(ProviderEvent event) {
        if (event instanceof PostMigrationEvent migrated) {
            // Realms that existed before the extension was installed get the roles at start-up.
            try {
                KeycloakModelUtils.runJobInTransaction(migrated.getFactory(),
                        session -> session.realms().getRealmsStream().forEach(InvitationRoles::ensure));
            } catch (RuntimeException e) {
                // Another node of the cluster may be adding the same roles right now; it will finish the job.
                LOG.warnf("Could not add the invitation roles at start-up: %s", e.getMessage());
            }
        } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
            InvitationRoles.ensure(created.getCreatedRealm());
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            new InvitationStore(removed.getKeycloakSession(), removed.getRealm().getId()).deleteRealm();
        }
    }
}
