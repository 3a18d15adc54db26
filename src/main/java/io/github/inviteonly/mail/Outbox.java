package io.github.inviteonly.mail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

import org.jboss.logging.Logger;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The one way our emails leave: a letter is posted inside the transaction that makes its link valid and
 * sent only after that transaction has committed, never if it rolls back. Each letter is sent in a
 * transaction of its own, which records how it went on its row; a node that stops in between leaves the
 * row PENDING, visible and re-sendable, never a mailed link to nothing.
 */
public final class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);
    private static final String ATTRIBUTE = Outbox.class.getName();
    private static final String EXECUTOR = "invite-only-mail";
    /** Letters of one transaction sent at once: enough to clear a bulk call quickly, few enough for any SMTP server. */
    private static final int PARALLEL = 4;

    /** A letter and what it belongs to: the realm it is sent in, the row (by id) whose delivery it records. */
    private record Posted(String realmId, String recordId, Letter letter) {
    }

    private final List<Posted> letters = new ArrayList<>();

    private Outbox() {
    }

    /**
     * Posts a letter that goes out, on a background thread, once this session's transaction has committed.
     *
     * @param recordId the row whose delivery the letter records, for {@link #commitAndSend}; null for notices
     */
    public static void post(KeycloakSession session, RealmModel realm, String recordId, Letter letter) {
        Outbox outbox = session.getAttribute(ATTRIBUTE, Outbox.class);
        if (outbox == null) {
            outbox = new Outbox();
            session.setAttribute(ATTRIBUTE, outbox);
            Outbox posted = outbox;
            KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
            Executor executor = session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR);
            session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
                @Override
                protected void commitImpl() {
                    sendInBackground(factory, executor, posted.drain());
                }

                @Override
                protected void rollbackImpl() {
                    posted.drain(); // nothing was committed, so there is nothing to tell
                }
            });
        }
        outbox.letters.add(new Posted(realm.getId(), recordId, letter));
    }

    /**
     * Commits this session's transaction now, then sends its letters on this thread, so that the answer can
     * say how each went (as Keycloak's own user update commits before it answers).
     *
     * @return the delivery of each letter by the id of its row
     */
    public static Map<String, EmailDelivery> commitAndSend(KeycloakSession session) {
        Outbox outbox = session.getAttribute(ATTRIBUTE, Outbox.class);
        List<Posted> mine = outbox == null ? List.of() : outbox.drain();
        KeycloakTransactionManager transaction = session.getTransactionManager();
        if (!transaction.isActive() || transaction.getRollbackOnly()) {
            return Map.of();
        }
        transaction.commit();
        Map<String, EmailDelivery> outcomes = new HashMap<>();
        for (Posted posted : mine) {
            EmailDelivery delivery = send(session.getKeycloakSessionFactory(), posted);
            if (posted.recordId() != null && delivery != null) {
                outcomes.put(posted.recordId(), delivery);
            }
        }
        return outcomes;
    }

    private List<Posted> drain() {
        List<Posted> drained = List.copyOf(letters);
        letters.clear();
        return drained;
    }

    /** At most {@link #PARALLEL} at a time: workers that each take the next letter until none is left. */
    private static void sendInBackground(KeycloakSessionFactory factory, Executor executor, List<Posted> letters) {
        Queue<Posted> queue = new ConcurrentLinkedQueue<>(letters);
        for (int worker = 0; worker < Math.min(PARALLEL, letters.size()); worker++) {
            executor.execute(() -> {
                for (Posted next = queue.poll(); next != null; next = queue.poll()) {
                    send(factory, next);
                }
            });
        }
    }

    private static EmailDelivery send(KeycloakSessionFactory factory, Posted posted) {
        try {
            return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
                RealmModel realm = session.realms().getRealm(posted.realmId());
                if (realm == null) {
                    return null; // deleted meanwhile, with its rows
                }
                session.getContext().setRealm(realm);
                return posted.letter().send(session, realm);
            });
        } catch (RuntimeException e) {
            // The row stays PENDING: whoever looks at it can re-send.
            LOG.warnf("An email of realm %s (record %s) was not sent or not recorded: %s", posted.realmId(),
                    posted.recordId(), e.toString());
            return null;
        }
    }
}
