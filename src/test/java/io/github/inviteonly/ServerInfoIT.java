package io.github.inviteonly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Map;

import io.github.inviteonly.support.InviteOnlyServerConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.info.ProviderRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/** The admin console's Provider info lists the extension with its version. */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class ServerInfoIT {

    @InjectAdminClient
    Keycloak admin;

    @Test
    void providerInfoShowsTheExtensionVersion() {
        Map<String, ProviderRepresentation> providers =
                admin.serverInfo().getInfo().getProviders().get("realm-restapi-extension").getProviders();

        ProviderRepresentation ours = providers.get("invite-only");
        assertNotNull(ours, "invite-only is not among " + providers.keySet());
        assertEquals(ExtensionVersion.get(), ours.getOperationalInfo().get("version"));
    }
}
