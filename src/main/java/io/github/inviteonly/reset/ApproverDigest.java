package io.github.inviteonly.reset;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.github.inviteonly.mail.EmailDelivery;
import io.github.inviteonly.mail.Outbox;
import io.github.inviteonly.persistence.Database;
import io.github.inviteonly.realm.ManageClient;
import io.github.inviteonly.settings.RealmSettings;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Tells approvers about new reset requests, at most one email per approver per digest interval
 * ({@link RealmSettings#resetApproverDigestSeconds()}), listing what came in since their last one. What
 * an approver has not been told yet is a committed row ({@link DigestItemEntity}); the approver's row
 * ({@link ApproverDigestEntity}), locked while deciding, says when the last email went. Whichever node
 * decides, the email goes through the {@link Outbox} once the decision has committed; what was held back
 * goes out with the sweep once the interval has passed.
 */
public final class ApproverDigest {

    private static final int SWEEP_BATCH = 100;

    private ApproverDigest() {
    }

    /** A request was stored: each of its approvers gets it now, or in their next email. */
    static EmailDelivery requestRecorded(KeycloakSession session, RealmModel realm, String requestId, String pageBase,
                                         String consoleBase) {
        Optional<PasswordResetEntity> request = new PasswordResetStore(session, realm.getId()).find(requestId);
        if (request.isEmpty()) {
            return null;
        }
        // Rows locked in one order, so that two requests' transactions never wait on each other in a circle.
        List<UserModel> approvers = Approvers.of(session, realm, request.get().getUserId()).stream()
                .sorted(Comparator.comparing(UserModel::getId)).toList();
        EntityManager em = Database.entityManager(session);
        long now = Time.currentTimeMillis();
        for (UserModel approver : approvers) {
            ensureRow(session, realm.getId(), approver.getId());
            DigestItemEntity item = new DigestItemEntity();
            item.setId(KeycloakModelUtils.generateId());
            item.setRealmId(realm.getId());
            item.setApproverId(approver.getId());
            item.setRequestId(requestId);
            item.setAddedAt(now);
            item.setPageBase(pageBase);
            item.setConsoleBase(consoleBase);
            em.persist(item);
        }
        em.flush();
        for (UserModel approver : approvers) {
            sendIfDue(session, realm, approver.getId(), now);
        }
        return null;
    }

    /** The sweep: approvers with requests held back whose interval has passed get their email. */
    public static void sendDue(KeycloakSession session) {
        long now = Time.currentTimeMillis();
        List<Object[]> waiting = Database.entityManager(session)
                .createQuery("SELECT DISTINCT i.realmId, i.approverId FROM DigestItemEntity i", Object[].class)
                .setMaxResults(SWEEP_BATCH).getResultList();
        for (Object[] approver : waiting) {
            RealmModel realm = session.realms().getRealm((String) approver[0]);
            if (realm != null) {
                session.getContext().setRealm(realm);
                sendIfDue(session, realm, (String) approver[1], now);
            }
        }
    }

    /**
     * Under the approver's row lock: if the interval has passed, what is held back and still waiting for a
     * decision is taken off the list and emailed after the commit; requests decided meanwhile are dropped.
     */
    private static void sendIfDue(KeycloakSession session, RealmModel realm, String approverId, long now) {
        EntityManager em = Database.entityManager(session);
        ApproverDigestEntity row = em.find(ApproverDigestEntity.class, approverId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null || !DigestRule.due(row.getLastSentAt(), now, new RealmSettings(realm).resetApproverDigestSeconds())) {
            return;
        }
        List<DigestItemEntity> items = em.createQuery("SELECT i FROM DigestItemEntity i WHERE i.approverId = :approverId "
                        + "ORDER BY i.addedAt, i.id", DigestItemEntity.class)
                .setParameter("approverId", approverId).getResultList();
        if (items.isEmpty()) {
            return;
        }
        items.forEach(em::remove);
        PasswordResetStore store = new PasswordResetStore(session, realm.getId());
        List<String> open = items.stream().map(DigestItemEntity::getRequestId).distinct()
                .filter(id -> store.find(id).filter(r -> r.effectiveStatus(now) == PasswordResetStatus.PENDING).isPresent())
                .toList();
        UserModel approver = session.users().getUserById(realm, approverId);
        if (open.isEmpty() || approver == null) {
            return;
        }
        row.setLastSentAt(now);
        DigestItemEntity latest = items.get(items.size() - 1);
        String pageBase = latest.getPageBase();
        String consoleBase = latest.getConsoleBase();
        Outbox.post(session, realm, null, (sending, inRealm) -> send(sending, inRealm, approverId, open, pageBase, consoleBase));
    }

    /** The approver's row exists, created in a transaction of its own (a concurrent first request may create it too). */
    private static void ensureRow(KeycloakSession session, String realmId, String approverId) {
        if (Database.entityManager(session).find(ApproverDigestEntity.class, approverId) != null) {
            return;
        }
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), creating -> {
                EntityManager em = Database.entityManager(creating);
                if (em.find(ApproverDigestEntity.class, approverId) == null) {
                    ApproverDigestEntity row = new ApproverDigestEntity();
                    row.setApproverId(approverId);
                    row.setRealmId(realmId);
                    em.persist(row);
                }
            });
        } catch (ModelDuplicateException | PersistenceException e) {
            // Created by the concurrent one: it exists now.
        }
    }

    /** A notice: nothing on the requests records it. */
    private static EmailDelivery send(KeycloakSession session, RealmModel realm, String approverId, List<String> requestIds,
                                      String pageBase, String consoleBase) {
        UserModel approver = session.users().getUserById(realm, approverId);
        PasswordResetStore store = new PasswordResetStore(session, realm.getId());
        List<ResetMailer.Listed> listed = requestIds.stream().map(store::find).flatMap(Optional::stream)
                .map(request -> new ResetMailer.Listed(request, pageLink(realm, pageBase, request), consoleLink(realm, consoleBase, request)))
                .toList();
        if (approver == null || listed.isEmpty()) {
            return null;
        }
        return new ResetMailer(session, realm).requestsReceived(approver, listed);
    }

    private static String pageLink(RealmModel realm, String pageBase, PasswordResetEntity request) {
        return UriBuilder.fromUri(pageBase).path(ManageClient.pagePath(realm)).build() + "#/password-resets/" + request.getId();
    }

    private static String consoleLink(RealmModel realm, String consoleBase, PasswordResetEntity request) {
        return UriBuilder.fromUri(consoleBase).path("admin/{realm}/console/").build(realm.getName())
                + "#/" + realm.getName() + "/users/" + request.getUserId() + "/settings";
    }

    static void deleteRealm(KeycloakSession session, String realmId) {
        EntityManager em = Database.entityManager(session);
        em.createQuery("DELETE FROM DigestItemEntity i WHERE i.realmId = :realmId").setParameter("realmId", realmId).executeUpdate();
        em.createQuery("DELETE FROM ApproverDigestEntity d WHERE d.realmId = :realmId").setParameter("realmId", realmId).executeUpdate();
    }
}
