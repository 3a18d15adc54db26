package io.github.inviteonly.persistence;

/** A row that belongs to one realm: every lookup of a {@link RealmStore} checks the realm too. */
public interface RealmRow {

    String getId();

    String getRealmId();
}
