package io.github.inviteonly.reset;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.inviteonly.mail.Outbox;
import io.github.inviteonly.security.SecretToken;
import io.github.inviteonly.settings.RealmSettings;
import jakarta.persistence.PersistenceException;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.urls.UrlType;

/**
 * Asking for a password reset: a request for a username or email address becomes a PENDING record and
 * emails to the approvers, or nothing, and the caller cannot tell which.
 */
public class ResetRequests {

    private static final Logger LOG = Logger.getLogger(ResetRequests.class);

    /** Detail of our user events naming the request. */
    public static final String RESET_ID_DETAIL = "password_reset_id";
    /** The {@code custom_required_action} detail of the "requested" user event. */
    public static final String REQUESTED_ACTION = "invite-only-password-reset-request";

    /** Event errors of a request that was not recorded, beside Keycloak's user_not_found and the like. */
    static final String THROTTLED = "throttled";
    static final String ALREADY_REQUESTED = "already_requested";

    private static final String EXECUTOR = "invite-only-password-reset";
    /** Far longer than the rest of a request takes to answer, short beside an approver's reaction. */
    private static final long AFTER_ANSWER_MILLIS = 250;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PasswordResetStore store;

    public ResetRequests(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = new PasswordResetStore(session, realm.getId());
    }

    /**
     * A reset request from a caller at {@code ip} with the browser {@code userAgent} (null: none sent). Answers the
     * same way, in the same time, whatever the address: the throttle is checked here, and everything that depends
     * on whether the account exists (lookup, insert, notices to the owner and the approvers) runs afterwards on
     * another thread, so neither the status, the body nor the timing of the answer tells anything. Every request
     * leaves one user event: success, or why nothing was recorded.
     */
    public void request(String login, String ip, String clientId, String userAgent) {
        ResetThrottle.Verdict verdict = ResetThrottle.check(session, realm, login, ip);
        // The console's own address (Keycloak's hostname settings), not whatever Host this caller sent.
        String consoleBase = session.getContext().getUri(UrlType.ADMIN).getBaseUri().toString();
        String pageBase = session.getContext().getUri(UrlType.FRONTEND).getBaseUri().toString();
        String browser = userAgent == null ? null
                : userAgent.substring(0, Math.min(userAgent.length(), PasswordResetEntity.USER_AGENT_LENGTH));
        inBackground(requests -> {
            if (!verdict.allowed()) {
                ResetThrottle.countDrop(requests.session, requests.realm, verdict);
                requests.event(login, ip, clientId).error(THROTTLED);
                return;
            }
            String cancelToken = SecretToken.generate();
            String id = requests.record(login, ip, clientId, browser, SecretToken.hash(cancelToken));
            if (id != null) {
                // Only once the request is stored: the owner at once, the approvers at most once per digest interval each.
                OwnerNotices.postRequested(requests.session, requests.realm, id, cancelToken, pageBase);
                Outbox.post(requests.session, requests.realm, null,
                        (sending, inRealm) -> ApproverDigest.requestRecorded(sending, inRealm, id, pageBase, consoleBase));
            }
        }, requests -> requests.lostRace(login, ip, clientId));
    }

    /** A concurrent request of the same user took the open slot between our look and our insert: that one stands. */
    private void lostRace(String login, String ip, String clientId) {
        EventBuilder event = event(login, ip, clientId);
        Optional.ofNullable(findUser(login)).ifPresent(event::user);
        event.error(ALREADY_REQUESTED);
    }

    private EventBuilder event(String login, String ip, String clientId) {
        return new EventBuilder(realm, session).event(EventType.CUSTOM_REQUIRED_ACTION).ipAddress(ip).client(clientId)
                .detail(Details.CUSTOM_REQUIRED_ACTION, REQUESTED_ACTION).detail(Details.USERNAME, login);
    }

    /** @return the new request's id, or null when none was recorded (unknown, disabled, already open) */
    private String record(String login, String ip, String clientId, String userAgent, String cancelTokenHash) {
        UserModel user = findUser(login);
        EventBuilder event = event(login, ip, clientId);
        String refusal = refusal(user);
        if (refusal != null) {
            Optional.ofNullable(user).ifPresent(event::user);
            event.error(refusal);
            return null;
        }
        long now = Time.currentTimeMillis();
        Optional<PasswordResetEntity> open = store.lockOpenByUser(user.getId());
        if (open.isPresent() && open.get().effectiveStatus(now).isOpen()) {
            event.user(user).detail(RESET_ID_DETAIL, open.get().getId()).error(ALREADY_REQUESTED);
            return null;
        }
        open.ifPresent(stale -> {
            ResetHousekeeping.expire(session, realm, stale);
            store.flush();
        });

        PasswordResetEntity request = new PasswordResetEntity();
        request.setId(KeycloakModelUtils.generateId());
        request.setRealmId(realm.getId());
        request.setUserId(user.getId());
        request.setOpenUserId(user.getId());
        request.setUsername(user.getUsername());
        request.setEmail(user.getEmail());
        request.setStatus(PasswordResetStatus.PENDING);
        request.setRequestedAt(now);
        request.setRequestIp(ip);
        request.setClientId(clientId);
        RealmSettings settings = new RealmSettings(realm);
        request.setExpiresAt(now + settings.resetRequestLifetimeSeconds() * 1000);
        Long emailChangedAt = EmailChanges.lastChange(session, user.getId());
        request.setPrivileged(new PrivilegedAccount(PrivilegedRoles.heldBy(realm, user, settings.resetPrivilegedRoles()),
                emailChangedAt, now, settings.resetRecentEmailChangeSeconds()));
        long earlier = store.requestsSince(List.of(user.getId()), now - PasswordResetRepresentation.RECENT_WINDOW_MILLIS)
                .getOrDefault(user.getId(), 0L);
        ResetSignals.record(session, realm, user, request, emailChangedAt, earlier + 1);
        request.setUserAgent(userAgent);
        request.setCancelTokenHash(cancelTokenHash);
        try {
            store.insert(request);
        } catch (ModelDuplicateException | PersistenceException e) {
            throw new ConcurrentRequest(e); // another request of the user took the open slot first: that one stands
        }
        ResetQueue.join(session, realm, user);
        event.user(user).detail(Details.EMAIL, user.getEmail()).detail(RESET_ID_DETAIL, request.getId()).success();
        return request.getId();
    }

    private UserModel findUser(String login) {
        try {
            return KeycloakModelUtils.findUserByNameOrEmail(session, realm, login);
        } catch (ModelDuplicateException e) {
            return null; // an address shared by several accounts names nobody
        }
    }

    /** Why no request is recorded for this user, as an event error; null when one may be. */
    private String refusal(UserModel user) {
        if (user == null) {
            return Errors.USER_NOT_FOUND;
        }
        if (user.getServiceAccountClientLink() != null || user.getEmail() == null) {
            return Errors.INVALID_EMAIL;
        }
        // A user disabled by brute-force protection may ask: completing the reset lifts the lockout.
        BruteForceProtector protector = session.getProvider(BruteForceProtector.class);
        if (!user.isEnabled() && !protector.isPermanentlyLockedOut(session, realm, user)) {
            return Errors.USER_DISABLED;
        }
        return null;
    }

    /**
     * Runs {@code job} on our executor, in a transaction and session of its own, in this realm; when it
     * lost a race with a concurrent request, {@code lost} runs in another one (the first was rolled back).
     * It starts {@link #AFTER_ANSWER_MILLIS} later: begun at once, the heavier work of a known address
     * (lookup, insert, emails) ran beside the rest of its own request and slowed its answer on a busy
     * machine (benchmark pair 5).
     */
    private void inBackground(Consumer<ResetRequests> job, Consumer<ResetRequests> lost) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        String realmId = realm.getId();
        Executor executor = session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR);
        CompletableFuture.delayedExecutor(AFTER_ANSWER_MILLIS, TimeUnit.MILLISECONDS, executor).execute(() -> {
            try {
                inRealm(factory, realmId, job);
            } catch (ConcurrentRequest e) {
                inRealm(factory, realmId, lost);
            } catch (RuntimeException e) {
                LOG.warnf("Password reset request in realm %s was not recorded: %s", realmId, e.toString());
            }
        });
    }

    private static void inRealm(KeycloakSessionFactory factory, String realmId, Consumer<ResetRequests> job) {
        KeycloakModelUtils.runJobInTransaction(factory, background -> {
            RealmModel inRealm = background.realms().getRealm(realmId);
            background.getContext().setRealm(inRealm);
            job.accept(new ResetRequests(background, inRealm));
        });
    }

    /** The user's open slot was taken by a concurrent request between our look and our insert. */
    private static final class ConcurrentRequest extends RuntimeException {
        ConcurrentRequest(Throwable cause) {
            super(cause);
        }
    }
}
