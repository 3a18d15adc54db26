package io.github.inviteonly.reset;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

import io.github.inviteonly.http.ApiException;
import io.github.inviteonly.http.RealmLinks;
import io.github.inviteonly.http.Transactions;
import io.github.inviteonly.mail.EmailDelivery;
import io.github.inviteonly.mail.Outbox;
import io.github.inviteonly.security.Passwords;
import io.github.inviteonly.security.SecretToken;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * Completing an approved request: the emailed link (or the REST call with its token) sets a password
 * once; any other password change of the user completes an open request too. Completing revokes the
 * user's sessions, lifts a brute-force lockout (re-enabling a user only brute-force protection
 * disabled) and tells the user.
 */
public class ResetCompletion {

    /** Error codes of a link that can no longer set a password. */
    static final String LINK_USED = "password_reset_used";
    static final String LINK_EXPIRED = "password_reset_expired";
    /** The link of a request approved with a cooling-off, opened before it starts working. */
    static final String LINK_NOT_YET = "password_reset_not_yet_valid";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PasswordResetStore store;

    public ResetCompletion(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = new PasswordResetStore(session, realm.getId());
    }

    /** The token from the email and the new password, checked against the policy; the row lock makes it single-use. */
    public void complete(String token, String newPassword) {
        Transactions.writing(session, () -> {
            PasswordResetEntity request = usable(store.lockByTokenHash(SecretToken.hash(token)).orElseThrow(ResetCompletion::invalidToken));
            UserModel user = session.users().getUserById(realm, request.getUserId());
            if (user == null) {
                throw ApiException.conflict("user_not_found", "The user of this request no longer exists", null);
            }
            Passwords.set(session, realm, user, newPassword, "newPassword");
            finish(request, user);
            return request;
        });
    }

    /** Whether the emailed link can still set a password: for the page; completion checks again under a lock. */
    public void checkLink(String token) {
        usable(store.findByTokenHash(SecretToken.hash(token)).orElseThrow(ResetCompletion::invalidToken));
    }

    /** Where the user signs in after a reset: the client they asked from, or the account console. */
    public URI signInPage(String token) {
        return store.findByTokenHash(SecretToken.hash(token))
                .map(PasswordResetEntity::getClientId)
                .map(realm::getClientByClientId)
                .flatMap(client -> RealmLinks.baseUrl(session, client))
                .orElseGet(() -> RealmLinks.accountConsole(session, realm));
    }

    /**
     * The user's password changed some other way than our link or REST call: through Keycloak's own link,
     * or set by an administrator. An open request is thereby done.
     */
    void passwordChanged(String userId) {
        long now = Time.currentTimeMillis();
        store.lockOpenByUser(userId).filter(request -> request.effectiveStatus(now).isOpen())
                .ifPresent(request -> Optional.ofNullable(session.users().getUserById(realm, userId))
                        .ifPresent(user -> finish(request, user)));
    }

    /** From when the link of this token works, for the page that says it does not yet; empty for an unknown token. */
    public Optional<Long> validFrom(String token) {
        return store.findByTokenHash(SecretToken.hash(token)).map(PasswordResetEntity::getLinkValidFrom);
    }

    private static PasswordResetEntity usable(PasswordResetEntity request) {
        long now = Time.currentTimeMillis();
        switch (request.effectiveStatus(now)) {
            case COMPLETED -> throw ApiException.gone(LINK_USED, "This link has already been used", "token");
            case EXPIRED -> throw ApiException.gone(LINK_EXPIRED, "This link has expired; ask for a new reset", "token");
            case APPROVED -> { }
            default -> throw invalidToken(); // rejected, or cancelled by the owner: the link is dead
        }
        if (LinkWindow.notYet(request.getLinkValidFrom(), now)) {
            throw ApiException.conflict(LINK_NOT_YET, "This link works from " + Instant.ofEpochMilli(request.getLinkValidFrom())
                    + " (a cooling-off after the approval)", "token");
        }
        return request;
    }

    /**
     * Done: the request is closed, every session and refresh token of the user is revoked, a
     * brute-force lockout is lifted, and the user is told that their password changed.
     */
    private void finish(PasswordResetEntity request, UserModel user) {
        request.setStatus(PasswordResetStatus.COMPLETED);
        request.setOpenUserId(null);
        request.setCompletedAt(Time.currentTimeMillis());
        ResetQueue.leave(session, realm, user);

        session.users().setNotBeforeForUser(realm, user, Time.currentTime());
        session.sessions().removeUserSessions(realm, user);
        session.sessions().getOfflineUserSessionsStream(realm, user).toList()
                .forEach(offline -> session.sessions().removeOfflineUserSession(realm, offline));

        // Only a user that brute-force protection disabled: Keycloak's isPermanentlyLockedOut also says yes
        // for a user an administrator disabled whose failures are over the realm's limit.
        // Its cleanup would also drop another disabled reason of such a user, so it runs only for ours.
        if (!user.isEnabled() && BruteForceProtector.DISABLED_BY_PERMANENT_LOCKOUT.equals(user.getFirstAttribute(UserModel.DISABLED_REASON))) {
            user.setEnabled(true);
            session.getProvider(BruteForceProtector.class).cleanUpPermanentLockout(session, realm, user);
        }
        session.loginFailures().removeUserLoginFailure(realm, user.getId());

        EventBuilder event = new EventBuilder(realm, session).event(EventType.RESET_PASSWORD).user(user)
                .client(request.getClientId())
                .detail(Details.USERNAME, user.getUsername()).detail(ResetRequests.RESET_ID_DETAIL, request.getId());
        Optional.ofNullable(session.getContext().getConnection()).ifPresent(c -> event.ipAddress(c.getRemoteHost()));
        event.success();
        // After the commit and off the request thread: the email must not announce a change that was
        // rolled back, and the caller need not wait for the mail server.
        String requestId = request.getId();
        String userId = user.getId();
        Outbox.post(session, realm, null, (sending, inRealm) -> new ResetCompletion(sending, inRealm).notifyCompleted(requestId, userId));
    }

    /** A notice: nothing on the request records it. */
    private EmailDelivery notifyCompleted(String requestId, String userId) {
        UserModel user = session.users().getUserById(realm, userId);
        store.find(requestId).filter(request -> user != null)
                .ifPresent(request -> new ResetMailer(session, realm).completed(user, request));
        return null;
    }

    private static ApiException invalidToken() {
        return ApiException.badRequest("token", "is not a valid password-reset token");
    }
}
