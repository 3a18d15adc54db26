package io.github.inviteonly.reset;

import io.github.inviteonly.mail.EmailDelivery;
import io.github.inviteonly.mail.Outbox;
import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * What the owner of an account hears besides the decisions: that a reset was asked for (with the link to cancel
 * it), and that it was cancelled, which the approvers hear too. Notices: posted to go out after the commit, and
 * nothing on the request records them.
 */
final class OwnerNotices {

    /** The path of the owner's cancel link under the realm, also the page's. */
    static final String CANCEL_PATH = "realms/{realm}/invite-only/password-resets/cancel";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PasswordResetStore store;

    private OwnerNotices(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = new PasswordResetStore(session, realm.getId());
    }

    /**
     * The notice of a request just recorded, with its cancel link.
     *
     * @param cancelToken the link's token: only its hash is stored, so it exists nowhere else
     * @param linkBase    where our links point, taken on the caller's thread ({@code RealmLinks.emailBase})
     */
    static void postRequested(KeycloakSession session, RealmModel realm, String requestId, String cancelToken, String linkBase) {
        String cancelLink = UriBuilder.fromUri(linkBase).path(CANCEL_PATH).queryParam("token", cancelToken)
                .build(realm.getName()).toString();
        Outbox.post(session, realm, null, (sending, inRealm) -> new OwnerNotices(sending, inRealm).requested(requestId, cancelLink));
    }

    /** The owner's confirmation of a cancellation, and a word to each approver: the request left their queue. */
    static void postCancelled(KeycloakSession session, RealmModel realm, String requestId) {
        Outbox.post(session, realm, null, (sending, inRealm) -> new OwnerNotices(sending, inRealm).cancelled(requestId));
    }

    private EmailDelivery requested(String requestId, String cancelLink) {
        store.find(requestId).ifPresent(request -> {
            UserModel owner = session.users().getUserById(realm, request.getUserId());
            if (owner != null) {
                new ResetMailer(session, realm).requestNotice(owner, request, cancelLink);
            }
        });
        return null;
    }

    private EmailDelivery cancelled(String requestId) {
        store.find(requestId).ifPresent(request -> {
            ResetMailer mailer = new ResetMailer(session, realm);
            UserModel owner = session.users().getUserById(realm, request.getUserId());
            if (owner != null) {
                mailer.cancelled(owner, request);
            }
            for (UserModel approver : Approvers.of(session, realm, request.getUserId())) {
                mailer.cancelledToApprover(approver, request);
            }
        });
        return null;
    }
}
