package io.github.inviteonly.reset;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.inviteonly.http.ApiException;
import io.github.inviteonly.http.RealmLinks;
import io.github.inviteonly.http.Transactions;
import io.github.inviteonly.mail.EmailDelivery;
import io.github.inviteonly.mail.Outbox;
import io.github.inviteonly.security.Passwords;
import io.github.inviteonly.security.SecretToken;
import io.github.inviteonly.settings.RealmSettings;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
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
 * The rules of admin-approved password resets in one realm: PENDING → APPROVED → COMPLETED, or
 * PENDING → REJECTED, each open stage ending in EXPIRED when its time runs out. Decisions come from our
 * admin API or from Keycloak's admin console (through {@link PasswordResetEventListener}); completion
 * from our REST call, our emailed link, or any other password change of the user.
 */
public class PasswordResetService {

    private static final Logger LOG = Logger.getLogger(PasswordResetService.class);

    /** Detail of our user events naming the request. */
    public static final String RESET_ID_DETAIL = "password_reset_id";
    /** The {@code custom_required_action} detail of the "requested" user event. */
    public static final String REQUESTED_ACTION = "invite-only-password-reset-request";

    /** Error codes of a link that can no longer set a password. */
    static final String LINK_USED = "password_reset_used";
    static final String LINK_EXPIRED = "password_reset_expired";

    private static final String EXECUTOR = "invite-only-password-reset";
    static final String ACCOUNT_DELETED = "The account was deleted";
    private static final int SWEEP_BATCH = 100;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PasswordResetStore store;

    public PasswordResetService(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = new PasswordResetStore(session);
    }

    // ---- asking -------------------------------------------------------------------------------------

    /**
     * A reset request for a username or email address, from a caller at {@code ip}. Answers the same
     * way, in the same time, whatever the address: the throttle is checked here, and everything that
     * depends on whether the account exists (lookup, insert, emails to approvers) runs afterwards on
     * another thread, so neither the status, the body nor the timing of the answer tells anything.
     */
    public void request(String login, String ip, String clientId) {
        if (!ResetThrottle.allow(session, realm, login, ip)) {
            LOG.debugf("Password reset request throttled in realm %s", realm.getName());
            return;
        }
        // The console's own address (Keycloak's hostname settings), not whatever Host this caller sent.
        String consoleBase = session.getContext().getUri(UrlType.ADMIN).getBaseUri().toString();
        // Approvers are emailed only once the request is stored.
        inBackground(service -> {
            String id = service.record(login, ip, clientId);
            if (id != null) {
                service.post(null, recorded -> recorded.notifyApprovers(id, consoleBase));
            }
        });
    }

    private static PasswordResetService inRealm(KeycloakSession session, String realmId) {
        RealmModel realm = session.realms().getRealm(realmId);
        session.getContext().setRealm(realm);
        return new PasswordResetService(session, realm);
    }

    /** @return the new request's id, or null when none was recorded (unknown, disabled, already open) */
    String record(String login, String ip, String clientId) {
        UserModel user = findUser(login);
        EventBuilder event = new EventBuilder(realm, session).event(EventType.CUSTOM_REQUIRED_ACTION)
                .ipAddress(ip).client(clientId)
                .detail(Details.CUSTOM_REQUIRED_ACTION, REQUESTED_ACTION).detail(Details.USERNAME, login);
        String refusal = refusal(user);
        if (refusal != null) {
            if (user != null) {
                event.user(user);
            }
            event.error(refusal);
            return null;
        }
        long now = Time.currentTimeMillis();
        Optional<PasswordResetEntity> open = store.lockOpenByUser(realm.getId(), user.getId());
        if (open.isPresent() && open.get().effectiveStatus(now).isOpen()) {
            event.user(user).detail(RESET_ID_DETAIL, open.get().getId()).error("already_requested");
            return null;
        }
        open.ifPresent(stale -> {
            expire(stale);
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
        request.setExpiresAt(now + new RealmSettings(realm).resetRequestLifetimeSeconds() * 1000);
        store.insert(request);
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

    private EmailDelivery notifyApprovers(String id, String consoleBase) {
        PasswordResetEntity request = store.find(realm.getId(), id).orElse(null);
        if (request == null) {
            return null;
        }
        String consoleLink = UriBuilder.fromUri(consoleBase).path("admin/{realm}/console/").build(realm.getName())
                + "#/" + realm.getName() + "/users/" + request.getUserId() + "/settings";
        ResetMailer mailer = new ResetMailer(session, realm);
        for (UserModel approver : Approvers.of(session, realm, request.getUserId())) {
            mailer.requestReceived(approver, request, consoleLink);
        }
        return null; // a notice: nothing on the request records it
    }

    // ---- deciding (admin API) -----------------------------------------------------------------------

    public List<PasswordResetRepresentation> list(PasswordResetStatus status, int first, int max) {
        long now = Time.currentTimeMillis();
        return store.list(realm.getId(), status, now, first, max).stream()
                .map(r -> PasswordResetRepresentation.of(r, now)).toList();
    }

    public long count(PasswordResetStatus status) {
        return store.count(realm.getId(), status, Time.currentTimeMillis());
    }

    public PasswordResetRepresentation get(String id) {
        return PasswordResetRepresentation.of(store.find(realm.getId(), id).orElseThrow(PasswordResetService::notFound),
                Time.currentTimeMillis());
    }

    /** Approves and emails the user a single-use link that works for the realm's link lifetime from now. */
    public PasswordResetRepresentation approve(String id, UserModel approver) {
        return Transactions.writing(session, () -> {
            PasswordResetEntity request = lockPending(id, approver, "approved");
            UserModel user = requireUser(request);
            long now = Time.currentTimeMillis();
            approveNow(request, approver, DecisionChannel.API, now);
            String token = reissue(request, new RealmSettings(realm).resetLinkLifetimeSeconds(), now);
            ResetQueue.leave(session, realm, user);
            postApproval(request, token);
            return PasswordResetRepresentation.of(request, Time.currentTimeMillis());
        });
    }

    public PasswordResetRepresentation reject(String id, UserModel approver, String reason) {
        return Transactions.writing(session, () -> {
            PasswordResetEntity request = lockPending(id, approver, "rejected");
            UserModel user = requireUser(request);
            rejectNow(request, user, approver, DecisionChannel.API, reason);
            return PasswordResetRepresentation.of(request, Time.currentTimeMillis());
        });
    }

    /** Locks a request that is still waiting for a decision, by someone other than its requester. */
    private PasswordResetEntity lockPending(String id, UserModel approver, String decision) {
        return lockIn(PasswordResetStatus.PENDING, id, approver, "Only a pending request can be " + decision);
    }

    private PasswordResetEntity lockIn(PasswordResetStatus required, String id, UserModel approver, String rule) {
        PasswordResetEntity request = store.lockById(realm.getId(), id).orElseThrow(PasswordResetService::notFound);
        PasswordResetStatus status = request.effectiveStatus(Time.currentTimeMillis());
        if (status != required) {
            throw ApiException.conflict("password_reset_" + status.name().toLowerCase(Locale.ROOT),
                    rule + "; this one is " + status, null);
        }
        if (request.getUserId().equals(approver.getId())) {
            throw ApiException.forbidden("Nobody may decide their own password-reset request");
        }
        return request;
    }

    /**
     * An approved request's link again, e.g. when the first email failed: a new token (the earlier link
     * stops working), the realm's link lifetime from now, a new email.
     */
    public PasswordResetRepresentation resend(String id, UserModel approver) {
        return Transactions.writing(session, () -> {
            PasswordResetEntity request = lockIn(PasswordResetStatus.APPROVED, id, approver, "Only an approved request's link can be re-sent");
            requireUser(request);
            String token = reissue(request, new RealmSettings(realm).resetLinkLifetimeSeconds(), Time.currentTimeMillis());
            postApproval(request, token);
            return PasswordResetRepresentation.of(request, Time.currentTimeMillis());
        });
    }

    /** A new single-use token for an approved request, valid {@code lifetimeSeconds} from {@code now}; the earlier one is dead. */
    private static String reissue(PasswordResetEntity request, long lifetimeSeconds, long now) {
        String token = SecretToken.generate();
        request.setTokenHash(SecretToken.hash(token));
        request.setExpiresAt(now + lifetimeSeconds * 1000);
        return token;
    }

    private UserModel requireUser(PasswordResetEntity request) {
        UserModel user = session.users().getUserById(realm, request.getUserId());
        if (user == null) {
            throw ApiException.conflict("user_not_found", "The user of this request no longer exists", null);
        }
        return user;
    }

    private void approveNow(PasswordResetEntity request, UserModel approver, DecisionChannel via, long now) {
        decided(request, approver, via, now);
        request.setStatus(PasswordResetStatus.APPROVED);
    }

    private void rejectNow(PasswordResetEntity request, UserModel user, UserModel approver, DecisionChannel via, String reason) {
        decided(request, approver, via, Time.currentTimeMillis());
        request.setStatus(PasswordResetStatus.REJECTED);
        request.setOpenUserId(null);
        request.setReason(reason);
        ResetQueue.leave(session, realm, user);
        request.setEmailDelivery(EmailDelivery.PENDING);
        String requestId = request.getId();
        post(requestId, service -> service.mailRejection(requestId));
    }

    private EmailDelivery mailRejection(String requestId) {
        return store.find(realm.getId(), requestId).map(request -> {
            UserModel user = session.users().getUserById(realm, request.getUserId());
            EmailDelivery delivery = user == null ? EmailDelivery.FAILED : new ResetMailer(session, realm).rejected(user, request);
            store.recordDelivery(realm.getId(), requestId, PasswordResetStatus.REJECTED, null, delivery);
            return delivery;
        }).orElse(null);
    }

    private static void decided(PasswordResetEntity request, UserModel approver, DecisionChannel via, long now) {
        request.setDecidedAt(now);
        request.setDecidedById(approver == null ? null : approver.getId());
        request.setDecidedByUsername(approver == null ? null : approver.getUsername());
        request.setDecidedVia(via);
    }

    // ---- deciding (Keycloak's admin console, seen through its admin events) -------------------------

    /**
     * "Credential reset" in the console, valid for the "Expires in" the admin chose ({@code chosenSeconds},
     * null when left blank). When it was Update Password alone, Keycloak's own email was withheld
     * ({@link ConsoleApprovalEmails}): a pending request is approved as by the API, an approved one gets a
     * new link (as {@code resend} does), valid for the realm's link lifetime unless the admin chose one,
     * and our approval email goes out once this has committed. Otherwise Keycloak's email went out with its
     * own link, valid as Keycloak decided, and a pending request is approved for as long.
     */
    void approvedInConsole(String userId, UserModel admin, boolean keycloakEmailWithheld, Long chosenSeconds) {
        openRequest(userId, null).ifPresent(request -> {
            long now = Time.currentTimeMillis();
            boolean pending = request.getStatus() == PasswordResetStatus.PENDING;
            if (pending) {
                approveNow(request, admin, DecisionChannel.CONSOLE, now);
                Optional.ofNullable(session.users().getUserById(realm, userId)).ifPresent(user -> ResetQueue.leave(session, realm, user));
            }
            if (keycloakEmailWithheld) {
                String token = reissue(request, chosenSeconds != null ? chosenSeconds : new RealmSettings(realm).resetLinkLifetimeSeconds(), now);
                postApproval(request, token);
            } else if (pending) {
                long lifetime = chosenSeconds != null ? chosenSeconds : realm.getActionTokenGeneratedByAdminLifespan();
                request.setExpiresAt(now + lifetime * 1000);
            }
        });
    }

    /** Whether a console "Credential reset" approves or re-issues a request of the user (a read without a lock). */
    boolean awaitsLink(String userId) {
        long now = Time.currentTimeMillis();
        return store.findOpenByUser(realm.getId(), userId).filter(request -> request.effectiveStatus(now).isOpen()).isPresent();
    }

    /** Our approval email, with the link of the token just issued, goes out once that token is committed. */
    private void postApproval(PasswordResetEntity request, String token) {
        request.setEmailDelivery(EmailDelivery.PENDING);
        String requestId = request.getId();
        String tokenHash = request.getTokenHash();
        String link = link(token);
        post(requestId, service -> service.mailApproval(requestId, tokenHash, link));
    }

    /** Sends the link unless a newer one replaced it meanwhile (that one has its own letter); records how it went. */
    private EmailDelivery mailApproval(String requestId, String tokenHash, String link) {
        return store.find(realm.getId(), requestId).filter(request -> tokenHash.equals(request.getTokenHash())).map(request -> {
            UserModel user = session.users().getUserById(realm, request.getUserId());
            EmailDelivery delivery = user == null ? EmailDelivery.FAILED : new ResetMailer(session, realm).approved(user, request, link);
            store.recordDelivery(realm.getId(), requestId, PasswordResetStatus.APPROVED, tokenHash, delivery);
            return delivery;
        }).orElse(null);
    }

    /** The user was taken out of the queue group. */
    void rejectedInConsole(String userId, UserModel admin) {
        openRequest(userId, PasswordResetStatus.PENDING).ifPresent(request -> {
            UserModel user = session.users().getUserById(realm, userId);
            if (user != null) {
                rejectNow(request, user, admin, DecisionChannel.CONSOLE, null);
            }
        });
    }

    /**
     * The user's password changed some other way than our link or REST call: through Keycloak's own link,
     * or set by an administrator. An open request is
     * thereby done.
     */
    void passwordChanged(String userId) {
        openRequest(userId, null).ifPresent(request -> {
            UserModel user = session.users().getUserById(realm, userId);
            if (user != null) {
                finish(request, user);
            }
        });
    }

    /** The user's request that is open and still in time, optionally only in one status. */
    private Optional<PasswordResetEntity> openRequest(String userId, PasswordResetStatus only) {
        long now = Time.currentTimeMillis();
        return store.lockOpenByUser(realm.getId(), userId)
                .filter(r -> r.effectiveStatus(now).isOpen())
                .filter(r -> only == null || r.getStatus() == only);
    }

    // ---- completing ---------------------------------------------------------------------------------

    /** REST completion: the token from the email and the new password, checked against the policy. */
    public void complete(String token, String newPassword) {
        Transactions.writing(session, () -> {
            PasswordResetEntity request = lockUsable(token);
            UserModel user = requireUser(request);
            Passwords.set(session, realm, user, newPassword, "newPassword");
            finish(request, user);
            return request;
        });
    }

    /** Whether the emailed link can still set a password: for the page; completion checks again under a lock. */
    public void checkLink(String token) {
        usable(store.findByTokenHash(realm.getId(), SecretToken.hash(token)).orElseThrow(PasswordResetService::invalidToken));
    }

    /** Where the user signs in after a reset: the client they asked from, or the account console. */
    public URI signInPage(String token) {
        return store.findByTokenHash(realm.getId(), SecretToken.hash(token))
                .map(PasswordResetEntity::getClientId)
                .map(realm::getClientByClientId)
                .flatMap(client -> RealmLinks.baseUrl(session, client))
                .orElseGet(() -> RealmLinks.accountConsole(session, realm));
    }

    private PasswordResetEntity lockUsable(String token) {
        return usable(store.lockByTokenHash(realm.getId(), SecretToken.hash(token)).orElseThrow(PasswordResetService::invalidToken));
    }

    private static PasswordResetEntity usable(PasswordResetEntity request) {
        switch (request.effectiveStatus(Time.currentTimeMillis())) {
            case COMPLETED -> throw gone(LINK_USED, "This link has already been used");
            case EXPIRED -> throw gone(LINK_EXPIRED, "This link has expired; ask for a new reset");
            case APPROVED -> { }
            default -> throw invalidToken();
        }
        return request;
    }

    /**
     * Done: the request is closed, every session and refresh token of the user is revoked, a
     * brute-force lockout is lifted, and the user is told that their password changed.
     */
    private void finish(PasswordResetEntity request, UserModel user) {
        long now = Time.currentTimeMillis();
        request.setStatus(PasswordResetStatus.COMPLETED);
        request.setOpenUserId(null);
        request.setCompletedAt(now);
        ResetQueue.leave(session, realm, user);

        session.users().setNotBeforeForUser(realm, user, Time.currentTime());
        session.sessions().removeUserSessions(realm, user);
        session.sessions().getOfflineUserSessionsStream(realm, user).toList()
                .forEach(offline -> session.sessions().removeOfflineUserSession(realm, offline));

        BruteForceProtector protector = session.getProvider(BruteForceProtector.class);
        if (protector.isPermanentlyLockedOut(session, realm, user)) {
            user.setEnabled(true);
        }
        protector.cleanUpPermanentLockout(session, realm, user);
        session.loginFailures().removeUserLoginFailure(realm, user.getId());

        EventBuilder event = new EventBuilder(realm, session).event(EventType.RESET_PASSWORD).user(user)
                .client(request.getClientId())
                .detail(Details.USERNAME, user.getUsername()).detail(RESET_ID_DETAIL, request.getId());
        Optional.ofNullable(session.getContext().getConnection()).ifPresent(c -> event.ipAddress(c.getRemoteHost()));
        event.success();
        // After the commit and off the request thread: the email must not announce a change that was
        // rolled back, and the caller need not wait for the mail server (it answers in tens of ms).
        String requestId = request.getId();
        String userId = user.getId();
        post(null, service -> service.notifyCompleted(requestId, userId));
    }

    private EmailDelivery notifyCompleted(String requestId, String userId) {
        UserModel user = session.users().getUserById(realm, userId);
        store.find(realm.getId(), requestId).filter(request -> user != null)
                .ifPresent(request -> new ResetMailer(session, realm).completed(user, request));
        return null; // a notice: nothing on the request records it
    }

    /** Posts an email that this service composes in the session that sends it, after this transaction commits. */
    private void post(String requestId, Function<PasswordResetService, EmailDelivery> letter) {
        Outbox.post(session, realm, requestId, (sending, inRealm) -> letter.apply(new PasswordResetService(sending, inRealm)));
    }

    /** Runs {@code job} on our executor, in a transaction and session of its own, in this realm. */
    private void inBackground(Consumer<PasswordResetService> job) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        String realmId = realm.getId();
        session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR).execute(() -> {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, s -> job.accept(inRealm(s, realmId)));
            } catch (RuntimeException e) {
                // E.g. a concurrent request of the same user took the open slot first: that one stands.
                // Emails that fail are logged where they are sent (ResetMailer).
                LOG.debugf("Password reset background job in realm %s did not complete: %s", realmId, e.toString());
            }
        });
    }

    // ---- housekeeping -------------------------------------------------------------------------------

    /**
     * Stores EXPIRED on open requests whose time has run out and takes their users out of the queue
     * group, so that the console stops listing them. Runs on every node; row locks keep it single.
     */
    public static void sweep(KeycloakSession session) {
        long now = Time.currentTimeMillis();
        ResetThrottle.forgetEnded(session, now);
        for (PasswordResetEntity request : new PasswordResetStore(session).lockRunOut(now, SWEEP_BATCH)) {
            RealmModel realm = session.realms().getRealm(request.getRealmId());
            if (realm != null) {
                session.getContext().setRealm(realm);
                new PasswordResetService(session, realm).expire(request);
            }
        }
    }

    private void expire(PasswordResetEntity request) {
        request.setStatus(PasswordResetStatus.EXPIRED);
        request.setOpenUserId(null);
        UserModel user = session.users().getUserById(realm, request.getUserId());
        if (user != null) {
            ResetQueue.leave(session, realm, user);
        }
    }

    /**
     * A deleted user's open request is closed as REJECTED, without email, so that the record does not
     * wait for a decision the console can no longer show (the user left the queue group with the account).
     */
    public static void userRemoved(KeycloakSession session, RealmModel realm, String userId) {
        new PasswordResetStore(session).lockOpenByUser(realm.getId(), userId).ifPresent(request -> {
            decided(request, null, null, Time.currentTimeMillis());
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
        new PasswordResetStore(session).deleteRealm(realmId);
        ResetThrottle.deleteRealm(session, realmId);
    }

    private String link(String token) {
        return linkAddress(session).queryParam("token", token).build(realm.getName()).toString();
    }

    /** The emailed link without its token: {@code …/realms/{realm}/invite-only/password-resets/complete}. */
    static UriBuilder linkAddress(KeycloakSession session) {
        return session.getContext().getUri().getBaseUriBuilder().path("realms/{realm}/invite-only/password-resets/complete");
    }

    private static ApiException notFound() {
        return ApiException.notFound("No such password-reset request");
    }

    private static ApiException invalidToken() {
        return ApiException.badRequest("token", "is not a valid password-reset token");
    }

    private static ApiException gone(String error, String description) {
        return new ApiException(Response.Status.GONE, error, description, "token");
    }
}
