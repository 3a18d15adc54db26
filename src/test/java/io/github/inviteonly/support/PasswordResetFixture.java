package io.github.inviteonly.support;

import org.junit.jupiter.api.BeforeEach;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * What the password-reset tests (API and browser journeys) share: the demo realm, the mail server its
 * approvers' and users' emails go to, and the reset workflow on them. Subclasses still carry
 * {@code @KeycloakIntegrationTest}: the test framework reads it from the test class itself.
 */
public abstract class PasswordResetFixture {

    @InjectRealm(fromJson = DemoRealm.JSON, lifecycle = LifeCycle.GLOBAL)
    protected ManagedRealm demo;

    @InjectMailServer
    protected MailServer mail;

    protected PasswordResets resets;

    @BeforeEach
    void workflow() {
        resets = new PasswordResets(demo);
    }
}
