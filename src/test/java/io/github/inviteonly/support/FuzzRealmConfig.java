package io.github.inviteonly.support;

import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;

/**
 * A copy of the demo realm (same users, roles, clients and flows) for the API fuzz, so that the
 * thousands of invitations, reset requests and accounts it leaves behind never meet another test.
 */
public class FuzzRealmConfig implements RealmConfig {

    public static final String NAME = "fuzz";

    @Override
    public RealmBuilder configure(RealmBuilder realm) {
        return realm.name(NAME).id(NAME);
    }
}
