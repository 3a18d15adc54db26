package io.github.inviteonly.reset;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.github.inviteonly.http.ApiException;
import io.github.inviteonly.http.RealmLinks;
import io.github.inviteonly.http.Transactions;
import io.github.inviteonly.mail.EmailDelivery;
import io.github.inviteonly.mail.Outbox;
import io.github.inviteonly.mail.Redelivery;
import io.github.inviteonly.security.SecretToken;
import io.github.inviteonly.settings.RealmSettings;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Deciding on password-reset requests: PENDING → APPROVED (with a single-use link) or REJECTED, by our
 * admin API or in Keycloak's admin console (seen through {@link PasswordResetEventListener}); both doors
 * follow {@link DecisionRule}: only approvers decide, nobody their own request, links within the realm's bounds.
 */
public class ResetDecisions {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PasswordResetStore store;
    private final ResetApprovals approvals;
    private final ResetViews views;

    public ResetDecisions(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = new PasswordResetStore(session, realm.getId());
        this.approvals = new ResetApprovals(session, realm.getId());
        this.views = new ResetViews(session, realm, store, approvals);
    }

    /** @param pendingFirst requests waiting for a decision first, else simply newest first */
    public List<PasswordResetRepresentation> list(PasswordResetStatus status, boolean pendingFirst, int first, int max) {
        long now = Time.currentTimeMillis();
        return views.of(pendingFirst ? store.listPendingFirst(status, now, first, max) : store.list(status, now, first, max), now);
    }

    public long count(PasswordResetStatus status) {
        return store.count(status, Time.currentTimeMillis());
    }

    public PasswordResetRepresentation get(String id) {
        return represent(store.find(id).orElseThrow(ResetDecisions::notFound));
    }

    /**
     * Counts the caller's approval ({@link ApprovalCount}); the last one needed approves and emails the user a
     * single-use link that works for {@code lifetimeSeconds} from now (within the realm's bounds), or for the
     * realm's link lifetime when null. Before that, the request stays PENDING and nothing is sent.
     */
    public PasswordResetRepresentation approve(String id, PasswordResetPermissions approver, Long lifetimeSeconds) {
        long lifetime = linkLifetime(realm, lifetimeSeconds, "expiresInSeconds");
        return Transactions.writing(session, () -> {
            PasswordResetEntity request = lockIn(PasswordResetStatus.PENDING, id, approver, "Only a pending request can be approved");
            UserModel user = requireUser(request);
            DecisionRule.requireSameAddress(request.getEmail(), user.getEmail());
            long now = Time.currentTimeMillis();
            if (approvals.approve(request, approver.caller(), DecisionChannel.API, now) == ApprovalCount.Outcome.RECORDED) {
                return represent(request);
            }
            markApproved(request, approver.caller(), DecisionChannel.API, now);
            String token = reissue(request, linkWindow(request, now, lifetime));
            ResetQueue.leave(session, realm, user);
            postApproval(request, token, false, RealmLinks.emailBase(session));
            return represent(request);
        });
    }

    public PasswordResetRepresentation reject(String id, PasswordResetPermissions approver, String reason) {
        return Transactions.writing(session, () -> {
            PasswordResetEntity request = lockIn(PasswordResetStatus.PENDING, id, approver, "Only a pending request can be rejected");
            markRejected(request, requireUser(request), approver.caller(), DecisionChannel.API, reason);
            return represent(request);
        });
    }

    /**
     * An approved request's link again, e.g. when the first email failed: a new token (the earlier link
     * stops working), the realm's link lifetime from now, a new email.
     */
    public PasswordResetRepresentation resend(String id, PasswordResetPermissions approver) {
        return Transactions.writing(session, () -> {
            PasswordResetEntity request = lockIn(PasswordResetStatus.APPROVED, id, approver, "Only an approved request's link can be re-sent");
            DecisionRule.requireSameAddress(request.getEmail(), requireUser(request).getEmail());
            String token = reissue(request, linkWindow(request, Time.currentTimeMillis(),
                    new RealmSettings(realm).resetLinkLifetimeSeconds()));
            postApproval(request, token, true, RealmLinks.emailBase(session));
            return represent(request);
        });
    }

    /** The link lifetime an approver asked for under {@code field} (null: none), within the realm's bounds. */
    static long linkLifetime(RealmModel realm, Long requested, String field) {
        RealmSettings settings = new RealmSettings(realm);
        return DecisionRule.linkLifetime(requested, settings.resetLinkLifetimeSeconds(), settings.resetMinLinkLifetimeSeconds(),
                settings.resetMaxLinkLifetimeSeconds(), field);
    }

    private PasswordResetRepresentation represent(PasswordResetEntity request) {
        return views.of(request, Time.currentTimeMillis());
    }

    /** Locks a request in the {@code required} status, for an approver other than its requester to decide. */
    private PasswordResetEntity lockIn(PasswordResetStatus required, String id, PasswordResetPermissions approver, String rule) {
        PasswordResetEntity request = store.lockById(id).orElseThrow(ResetDecisions::notFound);
        PasswordResetStatus status = request.effectiveStatus(Time.currentTimeMillis());
        if (status != required) {
            throw ApiException.conflict("password_reset_" + status.name().toLowerCase(Locale.ROOT),
                    rule + "; this one is " + status, null);
        }
        DecisionRule.requireDecider(approver.mayApprove(), approver.caller().getId(), request.getUserId());
        return request;
    }

    /**
     * Until when the link about to be issued works: its lifetime from its start, which the first approval sets to
     * now plus the realm's cooling-off and a link sent again keeps.
     */
    private long linkWindow(PasswordResetEntity request, long now, long lifetimeSeconds) {
        request.setLinkValidFrom(LinkWindow.validFrom(request.getLinkValidFrom(), now, new RealmSettings(realm).resetCoolingOffSeconds()));
        return LinkWindow.expiresAt(request.getLinkValidFrom(), now, lifetimeSeconds);
    }

    /** A new single-use token for an approved request, valid until {@code expiresAt}; the earlier one is dead. */
    private static String reissue(PasswordResetEntity request, long expiresAt) {
        String token = SecretToken.generate();
        request.setTokenHash(SecretToken.hash(token));
        request.setExpiresAt(expiresAt);
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
        postRejection(request);
    }

    /** The rejection email (it carries no link) goes out once the decision is committed; PENDING until then, since now. */
    private void postRejection(PasswordResetEntity request) {
        pending(request);
        String requestId = request.getId();
        Long postedAt = request.getEmailPostedAt();
        Outbox.post(session, realm, requestId, (sending, inRealm) -> new ResetDecisions(sending, inRealm).mailRejection(requestId, postedAt));
    }

    /**
     * Our approval email, with the link of the token just issued, goes out once that token is committed.
     *
     * @param replacing whether an earlier approval email of this request may exist, whose link this one ends
     * @param linkBase  where the link points ({@link RealmLinks#emailBase}), kept for sending it again
     */
    private void postApproval(PasswordResetEntity request, String token, boolean replacing, String linkBase) {
        pending(request);
        request.setEmailLinkBase(linkBase);
        String requestId = request.getId();
        String tokenHash = request.getTokenHash();
        String link = ResetLinks.link(linkBase, realm, token);
        Outbox.post(session, realm, requestId,
                (sending, inRealm) -> new ResetDecisions(sending, inRealm).mailApproval(requestId, tokenHash, link, replacing));
    }

    private static void pending(PasswordResetEntity request) {
        request.setEmailDelivery(EmailDelivery.PENDING);
        request.setEmailPostedAt(Time.currentTimeMillis());
    }

    /**
     * The sweep's part: decided requests whose email a stopped node left PENDING too long get it again; an
     * approval with a new link, valid as long as the first one was when it was posted.
     */
    public static void resendStalePending(KeycloakSession session) {
        long now = Time.currentTimeMillis();
        Redelivery.sweep(session, PasswordResetEntity.class, now,
                (realm, request) -> new ResetDecisions(session, realm).resendStale(request, now),
                "r.status = :rejected OR (r.status = :approved AND r.emailLinkBase IS NOT NULL)",
                "rejected", PasswordResetStatus.REJECTED, "approved", PasswordResetStatus.APPROVED);
    }

    private void resendStale(PasswordResetEntity request, long now) {
        if (request.getStatus() == PasswordResetStatus.REJECTED) {
            postRejection(request);
        } else {
            long expiresAt = Redelivery.renewedExpiry(request.getExpiresAt(), request.getEmailPostedAt(), now);
            postApproval(request, reissue(request, expiresAt), true, request.getEmailLinkBase());
        }
    }

    /** Sends the link unless a newer one replaced it meanwhile (that one has its own letter); records how it went. */
    private EmailDelivery mailApproval(String requestId, String tokenHash, String link, boolean replacing) {
        return store.find(requestId).filter(request -> tokenHash.equals(request.getTokenHash())).map(request -> {
            UserModel user = session.users().getUserById(realm, request.getUserId());
            EmailDelivery delivery = user == null ? EmailDelivery.FAILED
                    : new ResetMailer(session, realm).approved(user, request, link, replacing);
            store.recordDelivery(requestId, PasswordResetStatus.APPROVED, "tokenHash", tokenHash, delivery);
            return delivery;
        }).orElse(null);
    }

    /** Sends the rejection unless the sweep posted it again meanwhile (that post has its own letter); records how it went. */
    private EmailDelivery mailRejection(String requestId, Long postedAt) {
        return store.find(requestId).filter(request -> postedAt.equals(request.getEmailPostedAt())).map(request -> {
            UserModel user = session.users().getUserById(realm, request.getUserId());
            EmailDelivery delivery = user == null ? EmailDelivery.FAILED : new ResetMailer(session, realm).rejected(user, request);
            store.recordDelivery(requestId, PasswordResetStatus.REJECTED, "emailPostedAt", postedAt, delivery);
            return delivery;
        }).orElse(null);
    }

    // ---- in Keycloak's admin console, seen through its admin events ---------------------------------

    /**
     * "Credential reset" with Update Password alone in the console, which {@link ConsoleDecisions} has
     * let through as the last approval needed and whose Keycloak email was withheld ({@link ConsoleApprovalEmails}):
     * a pending request is approved as by the API, an approved one gets a new link (as {@code resend} does), valid for the
     * "Expires in" the admin chose (already within the realm's bounds) or else the realm's link lifetime, and
     * our approval email goes out once this has committed.
     */
    void approvedInConsole(String userId, UserModel admin, Long chosenSeconds) {
        openRequest(userId, null).ifPresent(request -> {
            long now = Time.currentTimeMillis();
            boolean pending = request.getStatus() == PasswordResetStatus.PENDING;
            if (pending) {
                approvals.approve(request, admin, DecisionChannel.CONSOLE, now);
                markApproved(request, admin, DecisionChannel.CONSOLE, now);
                Optional.ofNullable(session.users().getUserById(realm, userId)).ifPresent(user -> ResetQueue.leave(session, realm, user));
            }
            long lifetime = linkLifetime(realm, chosenSeconds, "lifespan");
            postApproval(request, reissue(request, linkWindow(request, now, lifetime)), !pending, RealmLinks.emailBase(session));
        });
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
