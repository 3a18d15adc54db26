package io.github.inviteonly.reset;

import java.util.Optional;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** What keeps the requests in step with time, users and realms. */
public final class ResetHousekeeping {

    /** The reason on a request closed because its user was deleted. */
    public static final String ACCOUNT_DELETED = "The account was deleted";

    private static final int SWEEP_BATCH = 100;

    private ResetHousekeeping() {
    }

    /**
     * Stores EXPIRED on open requests whose time has run out and takes their users out of the queue
     * group, so that the console stops listing them; forgets the limits of ended windows. Runs on every
     * node, in bounded batches; rows another node holds are left for a later round.
     */
    public static void sweep(KeycloakSession session) {
        long now = Time.currentTimeMillis();
        ResetThrottle.forgetEnded(session, now);
        for (PasswordResetEntity request : PasswordResetStore.lockRunOut(session, now, SWEEP_BATCH)) {
            RealmModel realm = session.realms().getRealm(request.getRealmId());
            if (realm != null) {
                session.getContext().setRealm(realm);
                expire(session, realm, request);
            }
        }
    }

    static void expire(KeycloakSession session, RealmModel realm, PasswordResetEntity request) {
        request.setStatus(PasswordResetStatus.EXPIRED);
        request.setOpenUserId(null);
        Optional.ofNullable(session.users().getUserById(realm, request.getUserId()))
                .ifPresent(user -> ResetQueue.leave(session, realm, user));
    }

    /**
     * A deleted user's open request is closed as REJECTED, without email, so that the record does not
     * wait for a decision the console can no longer show (the user left the queue group with the account).
     */
    public static void userRemoved(KeycloakSession session, RealmModel realm, String userId) {
        EmailChanges.userRemoved(session, userId);
        new PasswordResetStore(session, realm.getId()).lockOpenByUser(userId).ifPresent(request -> {
            request.decided(null, null, Time.currentTimeMillis());
            request.setStatus(PasswordResetStatus.REJECTED);
            request.setOpenUserId(null);
            request.setTokenHash(null);
            request.setReason(ACCOUNT_DELETED);
        });
    }

    public static void ensureQueue(KeycloakSession session, RealmModel realm) {
        ResetQueue.ensure(session, realm);
    }

    public static void deleteRealm(KeycloakSession session, String realmId) {
        new ResetApprovals(session, realmId).deleteRealm();
        new PasswordResetStore(session, realmId).deleteRealm();
        ResetThrottle.deleteRealm(session, realmId);
        EmailChanges.deleteRealm(session, realmId);
        ApproverDigest.deleteRealm(session, realmId);
    }
}
