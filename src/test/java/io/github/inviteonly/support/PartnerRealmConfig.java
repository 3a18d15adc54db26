package io.github.inviteonly.support;

import org.keycloak.testframework.realm.ClientBuilder;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;

/** A second realm on the same server acting as the demo realm's OpenID Connect identity provider. */
public class PartnerRealmConfig implements RealmConfig {

    public static final String NAME = "partner";
    public static final String BROKER_CLIENT = "demo-broker";
    public static final String BROKER_SECRET = "demo-broker-secret";

    @Override
    public RealmBuilder configure(RealmBuilder realm) {
        return realm.name(NAME)
                .clients(ClientBuilder.create()
                        .clientId(BROKER_CLIENT)
                        .secret(BROKER_SECRET)
                        .redirectUris("http://localhost:8080/realms/demo/broker/partner/endpoint*"));
    }
}
