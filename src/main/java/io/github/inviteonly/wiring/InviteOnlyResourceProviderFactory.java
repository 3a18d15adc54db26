package io.github.inviteonly.wiring;

import java.util.Map;

import io.github.inviteonly.ExtensionVersion;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Mounts the public API at {@code /realms/{realm}/invite-only} and shows our version in Server Info. */
public class InviteOnlyResourceProviderFactory implements RealmResourceProviderFactory, ServerInfoAwareProviderFactory,
        NoLifecycleFactory<RealmResourceProvider> {

    public static final String ID = "invite-only";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        InviteOnlyResource resource = new InviteOnlyResource(session);
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return resource;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("version", ExtensionVersion.get());
    }

    @Override
    public String getId() {
        return ID;
    }
}
