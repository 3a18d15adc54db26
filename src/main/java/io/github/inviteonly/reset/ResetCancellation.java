package io.github.inviteonly.reset;

import java.util.Optional;

import io.github.inviteonly.http.Transactions;
import io.github.inviteonly.security.SecretToken;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * "This wasn't me: cancel it": the owner's link from the notice of a request ({@link OwnerNotices}) cancels a
 * PENDING or APPROVED request. The token is single use because a cancelled request cannot be cancelled again, and
 * it dies with the request: once closed in any other way, the link only says that it is no longer valid.
 */
public class ResetCancellation {

    /** Detail of the "cancelled" user event's {@code custom_required_action}. */
    static final String CANCELLED_ACTION = "invite-only-password-reset-cancel";

    /** Where the request of a cancel link stands, as far as its page may tell. */
    public enum Stage {
        /** It can be cancelled. */
        OPEN,
        /** It was cancelled (by this link: nobody else has it). */
        CANCELLED,
        /** Decided, completed, expired, or no such link: the page says no more than that. */
        NO_LONGER_VALID
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PasswordResetStore store;

    public ResetCancellation(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = new PasswordResetStore(session, realm.getId());
    }

    /** The rule: only an open request can be cancelled; a cancelled one says so; anything else reveals nothing. */
    static Stage stage(PasswordResetStatus effective) {
        if (effective.isOpen()) {
            return Stage.OPEN;
        }
        return effective == PasswordResetStatus.CANCELLED ? Stage.CANCELLED : Stage.NO_LONGER_VALID;
    }

    /** For the page the link opens: looks, changes nothing (mail scanners open links too). */
    public Stage look(String token) {
        long now = Time.currentTimeMillis();
        return find(token, false).map(request -> stage(request.effectiveStatus(now))).orElse(Stage.NO_LONGER_VALID);
    }

    /**
     * The page's button: cancels the request if it is still open (under its row lock). The request leaves the queue,
     * its reset link stops working, and the owner and the approvers are told once this has committed.
     *
     * @return the stage before: OPEN when this call cancelled it
     */
    public Stage cancel(String token) {
        return Transactions.writing(session, () -> {
            Optional<PasswordResetEntity> found = find(token, true);
            long now = Time.currentTimeMillis();
            Stage stage = found.map(request -> stage(request.effectiveStatus(now))).orElse(Stage.NO_LONGER_VALID);
            if (stage == Stage.OPEN) {
                close(found.get(), now);
            }
            return stage;
        });
    }

    private void close(PasswordResetEntity request, long now) {
        request.setStatus(PasswordResetStatus.CANCELLED);
        request.setOpenUserId(null);
        request.setCancelledAt(now);
        UserModel user = session.users().getUserById(realm, request.getUserId());
        if (user != null) {
            ResetQueue.leave(session, realm, user);
        }
        EventBuilder event = new EventBuilder(realm, session).event(EventType.CUSTOM_REQUIRED_ACTION)
                .detail(Details.CUSTOM_REQUIRED_ACTION, CANCELLED_ACTION).detail(Details.USERNAME, request.getUsername())
                .detail(ResetRequests.RESET_ID_DETAIL, request.getId());
        Optional.ofNullable(user).ifPresent(event::user);
        Optional.ofNullable(session.getContext().getConnection()).ifPresent(c -> event.ipAddress(c.getRemoteAddr()));
        event.success();
        OwnerNotices.postCancelled(session, realm, request.getId());
    }

    private Optional<PasswordResetEntity> find(String token, boolean lock) {
        return store.findByCancelTokenHash(SecretToken.hash(token), lock);
    }
}
