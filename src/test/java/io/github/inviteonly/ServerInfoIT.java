package io.github.inviteonly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import io.github.inviteonly.support.InviteOnlyServerConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.info.ProviderRepresentation;
import org.keycloak.representations.info.SystemInfoRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * The admin console's Provider info lists the extension with its version; and the server under test is
 * the Keycloak version and the JDK the build asked for (-Dkeycloak.server.version,
 * -Dkeycloak.server.javaHome), so a compatibility run cannot pass on another server by mistake.
 */
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

    @Test
    void theServerIsTheKeycloakVersionAndJdkTheBuildChose() throws IOException {
        SystemInfoRepresentation system = admin.serverInfo().getInfo().getSystemInfo();

        assertEquals(System.getProperty("keycloak.server.version"), system.getVersion());
        assertEquals(Path.of(System.getProperty("keycloak.server.javaHome")).toRealPath(),
                Path.of(system.getJavaHome()).toRealPath(), "server runs Java " + system.getJavaVersion());
    }
}
