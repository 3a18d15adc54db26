package io.github.inviteonly.support;

import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * The real Keycloak distribution with this project's classes installed as a provider JAR. Two options
 * serve the tests: X-Forwarded-For is trusted, so that each test can ask for password resets from a
 * client IP of its own; and expired reset requests are swept every second instead of every minute.
 */
public class InviteOnlyServerConfig implements KeycloakServerConfig {

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder server) {
        return server.dependencyCurrentProject()
                .option("proxy-headers", "xforwarded")
                .option("spi-events-listener--invite-only-password-reset--sweep-interval-seconds", "1");
    }
}
