package io.github.inviteonly.reset;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.github.inviteonly.http.ApiException;
import io.github.inviteonly.http.Transactions;
import io.github.inviteonly.mail.EmailDelivery;
import io.github.inviteonly.mail.Outbox;
import io.github.inviteonly.security.SecretToken;
import io.github.inviteonly.settings.RealmSettings;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Deciding on password-reset requests: PENDING → APPROVED (with a single-use link) or REJECTED, by our
 * admin API or in Keycloak's admin console (seen through {@link PasswordResetEventListener}); nobody
 * decides their own request.
 */
public class ResetDecisions {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PasswordResetStore store;

    public ResetDecisions(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = new PasswordResetStore(session, realm.getId());
    }

    public List<PasswordResetRepresentation> list(PasswordResetStatus status, int first, int max) {
        long now = Time.currentTimeMillis();
        return store.list(status, now, first, max).stream().map(r -> PasswordResetRepresentation.of(r, now)).toList();
    }

    public long count(PasswordResetStatus status) {
        return store.count(status, Time.currentTimeMillis());
    }

    public PasswordResetRepresentation get(String id) {
        return PasswordResetRepresentation.of(store.find(id).orElseThrow(ResetDecisions::notFound), Time.currentTimeMillis());
    }

    /** Approves and emails the user a single-use link that works for the realm's link lifetime from now. */
    public PasswordResetRepresentation approve(String id, UserModel approver) {
        return Transactions.writing(session, () -> {
            PasswordResetEntity request = lockIn(PasswordResetStatus.PENDING, id, approver, "Only a pending request can be approved");
            UserModel user = requireUser(request);
            long now = Time.currentTimeMillis();
            markApproved(request, approver, DecisionChannel.API, now);
            String token = reissue(request, new RealmSettings(realm).resetLinkLifetimeSeconds(), now);
            ResetQueue.leave(session, realm, user);
            postApproval(request, token);
            return PasswordResetRepresentation.of(request, Time.currentTimeMillis());
        });
    }

    public PasswordResetRepresentation reject(String id, UserModel approver, String reason) {
        return Transactions.writing(session, () -> {
            PasswordResetEntity request = lockIn(PasswordResetStatus.PENDING, id, approver, "Only a pending request can be rejected");
            markRejected(request, requireUser(request), approver, DecisionChannel.API, reason);
            return PasswordResetRepresentation.of(request, Time.currentTimeMillis());
        });
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

    /** Locks a request in the {@code required} status, for someone other than its requester to decide. */
    private PasswordResetEntity lockIn(PasswordResetStatus required, String id, UserModel approver, String rule) {
        PasswordResetEntity request = store.lockById(id).orElseThrow(ResetDecisions::notFound);
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

    private static void markApproved(PasswordResetEntity request, UserModel approver, DecisionChannel via, long now) {
        request.decided(approver, via, now);
        request.setStatus(PasswordResetStatus.APPROVED);
    }

    private void markRejected(PasswordResetEntity request, UserModel user, UserModel approver, DecisionChannel via, String reason) {
        request.decided(approver, via, Time.currentTimeMillis());
        request.setStatus(PasswordResetStatus.REJECTED);
        request.setOpenUserId(null);
        request.setReason(reason);
        ResetQueue.leave(session, realm, user);
        request.setEmailDelivery(EmailDelivery.PENDING);
        String requestId = request.getId();
        Outbox.post(session, realm, requestId, (sending, inRealm) -> new ResetDecisions(sending, inRealm).mailRejection(requestId));
    }

    /** Our approval email, with the link of the token just issued, goes out once that token is committed. */
    private void postApproval(PasswordResetEntity request, String token) {
        request.setEmailDelivery(EmailDelivery.PENDING);
        String requestId = request.getId();
        String tokenHash = request.getTokenHash();
        String link = ResetLinks.link(session, realm, token);
        Outbox.post(session, realm, requestId,
                (sending, inRealm) -> new ResetDecisions(sending, inRealm).mailApproval(requestId, tokenHash, link));
    }

    /** Sends the link unless a newer one replaced it meanwhile (that one has its own letter); records how it went. */
    private EmailDelivery mailApproval(String requestId, String tokenHash, String link) {
        return store.find(requestId).filter(request -> tokenHash.equals(request.getTokenHash())).map(request -> {
            UserModel user = session.users().getUserById(realm, request.getUserId());
            EmailDelivery delivery = user == null ? EmailDelivery.FAILED : new ResetMailer(session, realm).approved(user, request, link);
            store.recordDelivery(requestId, PasswordResetStatus.APPROVED, tokenHash, delivery);
            return delivery;
        }).orElse(null);
    }

    private EmailDelivery mailRejection(String requestId) {
        return store.find(requestId).map(request -> {
            UserModel user = session.users().getUserById(realm, request.getUserId());
            EmailDelivery delivery = user == null ? EmailDelivery.FAILED : new ResetMailer(session, realm).rejected(user, request);
            store.recordDelivery(requestId, PasswordResetStatus.REJECTED, null, delivery);
            return delivery;
        }).orElse(null);
    }

    // ---- in Keycloak's admin console, seen through its admin events ---------------------------------

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
                markApproved(request, admin, DecisionChannel.CONSOLE, now);
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
        return store.findOpenByUser(userId).filter(request -> request.effectiveStatus(now).isOpen()).isPresent();
    }

    /** The user was taken out of the queue group. */
    void rejectedInConsole(String userId, UserModel admin) {
        openRequest(userId, PasswordResetStatus.PENDING).ifPresent(request ->
                Optional.ofNullable(session.users().getUserById(realm, userId))
                        .ifPresent(user -> markRejected(request, user, admin, DecisionChannel.CONSOLE, null)));
    }

    /** The user's request that is open and still in time, optionally only in one status. */
    private Optional<PasswordResetEntity> openRequest(String userId, PasswordResetStatus only) {
        long now = Time.currentTimeMillis();
        return store.lockOpenByUser(userId)
                .filter(r -> r.effectiveStatus(now).isOpen())
                .filter(r -> only == null || r.getStatus() == only);
    }

    private static ApiException notFound() {
        return ApiException.notFound("No such password-reset request");
    }
}
