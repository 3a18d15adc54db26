package io.github.inviteonly.wiring;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Mounts the admin API at {@code /admin/realms/{realm}/invite-only}; Keycloak authenticates callers, and
 * {@link PageClientTokens} judges tokens of the extension's page clients by the user's own roles.
 */
public class InviteOnlyAdminResourceProviderFactory implements AdminRealmResourceProviderFactory,
        NoLifecycleFactory<AdminRealmResourceProvider> {

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new AdminRealmResourceProvider() {
            @Override
            public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                      AdminEventBuilder adminEvent) {
                return new InviteOnlyAdminResource(session, PageClientTokens.judgedByUser(session, realm, auth), adminEvent);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String getId() {
        return InviteOnlyResourceProviderFactory.ID;
    }
}
