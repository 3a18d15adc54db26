package io.github.inviteonly.support;

import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;

/** A second realm with the demo realm's clients and users, for proving realms stay apart. */
public class OtherRealmConfig implements RealmConfig {

    @Override
    public RealmBuilder configure(RealmBuilder realm) {
        return realm.name("other");
    }
}
