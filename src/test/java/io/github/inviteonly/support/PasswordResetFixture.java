package io.github.inviteonly.support;

import java.util.HashMap;
import java.util.Map;

import io.github.inviteonly.settings.RealmSettings;
import org.junit.jupiter.api.BeforeEach;
import org.keycloak.representations.idm.RealmRepresentation;
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

    /**
     * Approvers here hear of each request at once (digest interval 0), so that a test reads the notice of
     * its own request; the tests of the digest set the interval they prove, with cleanup, back to this.
     */
    @BeforeEach
    void workflow() {
        resets = new PasswordResets(demo);
        RealmRepresentation realm = demo.admin().toRepresentation();
        if (!"0".equals(realm.getAttributesOrEmpty().get(RealmSettings.RESET_APPROVER_DIGEST))) {
            Map<String, String> attributes = new HashMap<>(realm.getAttributesOrEmpty());
            attributes.put(RealmSettings.RESET_APPROVER_DIGEST, "0");
            realm.setAttributes(attributes);
            demo.admin().update(realm);
        }
    }
}
