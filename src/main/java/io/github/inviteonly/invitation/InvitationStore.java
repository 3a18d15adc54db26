package io.github.inviteonly.invitation;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.github.inviteonly.http.ApiException;
import io.github.inviteonly.mail.EmailDelivery;
import io.github.inviteonly.persistence.RealmStore;
import io.github.inviteonly.persistence.Where;
import jakarta.persistence.PersistenceException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;

/** Reads and writes invitation rows of one realm; filtering, paging and counting happen in the database. */
class InvitationStore extends RealmStore<InvitationEntity> {

    /** List filters; null fields do not filter. */
    record Query(InvitationStatus status, String email, String search, EmailDelivery emailDelivery) {

        Query withStatus(InvitationStatus other) {
            return new Query(other, email, search, emailDelivery);
        }
    }

    InvitationStore(KeycloakSession session, String realmId) {
        super(session, realmId, InvitationEntity.class, () -> ApiException.conflict("invitation_busy",
                "The invitation is being changed by another request; try again", null));
    }

    /**
     * Writes pending changes now; a unique-constraint race with another request (one open invitation per
     * address) becomes a 409. Keycloak's entity manager reports the violation as its own
     * {@link ModelDuplicateException}.
     */
    @Override
    public void flush() {
        try {
            super.flush();
        } catch (PersistenceException | ModelDuplicateException e) {
            throw ApiException.conflict("invitation_pending",
                    "Another open invitation for this email address was created at the same time", "email");
        }
    }

    /** How the email for the token with this hash went; nothing changes when a newer token replaced it. */
    void recordDelivery(String id, String tokenHash, EmailDelivery delivery) {
        updateIf(id, "emailDelivery", delivery, Map.of("tokenHash", tokenHash));
    }

    Optional<InvitationEntity> findOpenByEmail(String email) {
        return findBy("pendingEmail", email, false);
    }

    List<InvitationEntity> list(Query query, long now, int first, int max) {
        return page(where(query, now), "r.createdAt DESC, r.id DESC", first, max);
    }

    long count(Query query, long now) {
        return count(where(query, now));
    }

    /** EXPIRED is stored as PENDING past its time. */
    private Where where(Query query, long now) {
        Where where = inRealm();
        if (query.status() == InvitationStatus.PENDING) {
            where.and("r.status = :stored AND r.expiresAt > :now", "stored", InvitationStatus.PENDING, "now", now);
        } else if (query.status() == InvitationStatus.EXPIRED) {
            where.and("r.status = :stored AND r.expiresAt <= :now", "stored", InvitationStatus.PENDING, "now", now);
        } else if (query.status() != null) {
            where.and("r.status = :stored", "stored", query.status());
        }
        if (query.email() != null) {
            where.and("r.email = :email", "email", query.email());
        }
        if (query.emailDelivery() != null) {
            where.and("r.emailDelivery = :delivery", "delivery", query.emailDelivery());
        }
        if (query.search() != null) {
            String escaped = query.search().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
            where.and("r.email LIKE :search ESCAPE '!' OR LOWER(r.firstName) LIKE :search ESCAPE '!'"
                    + " OR LOWER(r.lastName) LIKE :search ESCAPE '!'", "search", "%" + escaped + "%");
        }
        return where;
    }
}
