package io.github.inviteonly.support;

import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;

/** A throw-away copy of the demo realm, for tests that delete and re-create a realm. */
public class ScratchRealmConfig implements RealmConfig {

    public static final String NAME = "scratch";

    @Override
    public RealmBuilder configure(RealmBuilder realm) {
        return realm.name(NAME).id(NAME);
    }
}
