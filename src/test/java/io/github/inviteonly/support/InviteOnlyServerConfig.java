package io.github.inviteonly.support;

import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/** The real Keycloak distribution with this project's classes installed as a provider JAR. */
public class InviteOnlyServerConfig implements KeycloakServerConfig {

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder server) {
        return server.dependencyCurrentProject();
    }
}
