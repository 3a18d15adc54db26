package io.github.inviteonly.support;

import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * What the invitation tests share: the demo realm, the mail server its invitations go to, and the
 * invitation workflow on them. Subclasses still carry {@code @KeycloakIntegrationTest}: the test framework
 * reads it from the test class itself.
 */
public abstract class InvitationFixture {

    @InjectRealm(fromJson = DemoRealm.JSON, lifecycle = LifeCycle.GLOBAL)
    protected ManagedRealm demo;

    @InjectMailServer
    protected MailServer mail;

    protected Invitations invitations() {
        return new Invitations(demo);
    }
}
