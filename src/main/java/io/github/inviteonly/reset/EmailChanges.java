package io.github.inviteonly.reset;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.github.inviteonly.mail.Outbox;
import io.github.inviteonly.persistence.Database;
import jakarta.persistence.EntityManager;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Address changes of accounts, through every door Keycloak has: the admin API (and the admin console,
 * which uses it), the account console and its REST API, and the update-email and update-profile required
 * actions. Each change is remembered ({@link EmailChangeEntity}: it feeds a request's {@code emailChangedAt}
 * and can make it privileged) and the OLD address is told once the change has committed.
 *
 * <p>Keycloak has no provider event for a changed address. Its user events say it (UPDATE_EMAIL and
 * UPDATE_PROFILE carry {@code previous_email}/{@code updated_email}); its admin event of a user update carries
 * at most the new representation, so the old address is read as last committed, from a transaction of its own,
 * while the update's transaction is still open.
 */
public final class EmailChanges {

    private EmailChanges() {
    }

    /** A user event: the account console, update-email or update-profile changed the address. */
    static void fromUserEvent(KeycloakSession session, Event event) {
        if ((event.getType() != EventType.UPDATE_EMAIL && event.getType() != EventType.UPDATE_PROFILE)
                || event.getUserId() == null || event.getDetails() == null || !event.getDetails().containsKey(Details.UPDATED_EMAIL)) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserModel user = realm == null ? null : session.users().getUserById(realm, event.getUserId());
        if (user != null) {
            changed(session, realm, user, event.getDetails().get(Details.PREVIOUS_EMAIL));
        }
    }

    /** An admin updated the user ({@code PUT users/{id}}): compared with the address as last committed. */
    static void fromAdminUpdate(KeycloakSession session, RealmModel realm, String userId) {
        UserModel user = session.users().getUserById(realm, userId);
        if (user != null) {
            changed(session, realm, user, committedEmail(session, userId));
        }
    }

    /** Remembers the change and tells the old address, unless nothing changed or there was no address. */
    private static void changed(KeycloakSession session, RealmModel realm, UserModel user, String previous) {
        String before = normalized(previous);
        String after = normalized(user.getEmail());
        if (before.equals(after)) {
            return;
        }
        long now = Time.currentTimeMillis();
        EntityManager em = Database.entityManager(session);
        EmailChangeEntity change = em.find(EmailChangeEntity.class, user.getId());
        if (change == null) {
            change = new EmailChangeEntity();
            change.setUserId(user.getId());
            change.setRealmId(realm.getId());
            change.setChangedAt(now);
            em.persist(change);
        } else {
            change.setChangedAt(now);
        }
        if (!before.isEmpty()) {
            String userId = user.getId();
            Outbox.post(session, realm, null, (sending, inRealm) -> {
                Optional.ofNullable(sending.users().getUserById(inRealm, userId)).ifPresent(owner ->
                        new ResetMailer(sending, inRealm).emailChanged(owner, previous.trim(), after, now));
                return null;
            });
        }
    }

    /** When the account's address last changed, as seen here; null when never (or before the extension watched). */
    static Long lastChange(KeycloakSession session, String userId) {
        return Optional.ofNullable(Database.entityManager(session).find(EmailChangeEntity.class, userId))
                .map(EmailChangeEntity::getChangedAt).orElse(null);
    }

    /**
     * The user's address as committed, read in a transaction of its own (and past Keycloak's user cache):
     * the caller's transaction already holds the new one.
     */
    private static String committedEmail(KeycloakSession session, String userId) {
        AtomicReference<String> email = new AtomicReference<>();
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), inner ->
                Database.entityManager(inner).createQuery("SELECT u.email FROM UserEntity u WHERE u.id = :id", String.class)
                        .setParameter("id", userId).getResultStream().findFirst().ifPresent(email::set));
        return email.get();
    }

    private static String normalized(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    static void userRemoved(KeycloakSession session, String userId) {
        Database.entityManager(session).createQuery("DELETE FROM EmailChangeEntity c WHERE c.userId = :userId")
                .setParameter("userId", userId).executeUpdate();
    }

    static void deleteRealm(KeycloakSession session, String realmId) {
        Database.entityManager(session).createQuery("DELETE FROM EmailChangeEntity c WHERE c.realmId = :realmId")
                .setParameter("realmId", realmId).executeUpdate();
    }
}
