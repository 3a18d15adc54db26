package io.github.inviteonly.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

/** docker-compose.yml runs what the tests test: the same Keycloak version, this JAR, theme and realm. */
class ComposeFileTest {

    @Test
    void composeRunsTheTestedKeycloakWithThisJarThemeAndDemoRealm() throws IOException {
        JsonNode keycloak = new YAMLMapper().readTree(Path.of("docker-compose.yml").toFile()).path("services").path("keycloak");

        // The official image of the tested version, unless KEYCLOAK_IMAGE names another.
        assertEquals("${KEYCLOAK_IMAGE:-quay.io/keycloak/keycloak:" + System.getProperty("keycloak.server.version") + "}",
                keycloak.path("image").asText());
        String volumes = keycloak.path("volumes").toString();
        assertTrue(volumes.contains("./target/keycloak-invite-only.jar:/opt/keycloak/providers/"), volumes);
        assertTrue(volumes.contains("./themes/invite-only:/opt/keycloak/themes/invite-only"), volumes);
        assertTrue(volumes.contains("./realm-export.json:/opt/keycloak/data/import/"), volumes);
        assertTrue(keycloak.path("command").toString().contains("--import-realm"));
    }
}
