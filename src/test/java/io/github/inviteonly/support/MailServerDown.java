package io.github.inviteonly.support;

import java.util.HashMap;
import java.util.Map;

import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/** The realm's mail server "down" until closed: its SMTP port points where nothing listens (or elsewhere). */
public final class MailServerDown implements AutoCloseable {

    private final ManagedRealm realm;
    private final Map<String, String> smtp;

    public MailServerDown(ManagedRealm realm) {
        this(realm, 1);
    }

    /** The realm's SMTP port points at {@code port} until closed. */
    public MailServerDown(ManagedRealm realm, int port) {
        this.realm = realm;
        RealmRepresentation representation = realm.admin().toRepresentation();
        this.smtp = representation.getSmtpServer();
        Map<String, String> down = new HashMap<>(smtp);
        down.put("port", String.valueOf(port));
        representation.setSmtpServer(down);
        realm.admin().update(representation);
    }

    @Override
    public void close() {
        RealmRepresentation representation = realm.admin().toRepresentation();
        representation.setSmtpServer(smtp);
        realm.admin().update(representation);
    }
}
