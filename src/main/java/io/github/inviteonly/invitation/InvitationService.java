package io.github.inviteonly.invitation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Invitations as inviters handle them, in one realm: create (one or many), list, resend, revoke. The
 * lifecycle is PENDING → ACCEPTED / REVOKED (EXPIRED by time); {@link InvitationRules} say who may invite
 * whom with what, {@link InvitationAcceptance} turns an invitation into a user.
 */
public class InvitationService {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final InvitationStore store;
    private final InvitationRules rules;

    public InvitationService(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.store = new InvitationStore(session, realm.getId());
        this.rules = new InvitationRules(session, realm);
    }

    /** Creates an invitation and, unless told not to, emails its link to the invitee. */
    public InvitationRepresentation create(InvitationRequest request, InvitationPermissions permissions) {
        return Transactions.writing(session, () -> insert(prepare(request, permissions), permissions));
    }

    /**
     * Creates many invitations in one transaction. Every item is checked before anything is written, so
     * an invalid or conflicting item is reported and skipped without costing the valid ones.
     */
    public List<BulkResult> createAll(List<JsonNode> items, InvitationPermissions permissions) {
        return Transactions.writing(session, () -> {
            List<BulkResult> results = new ArrayList<>();
            Set<String> emails = new HashSet<>();
            for (int index = 0; index < items.size(); index++) {
                String prefix = "invitations[" + index + "].";
                Prepared prepared;
                try {
                    InvitationRequest request = InvitationRequest.parseElement(items.get(index), prefix);
                    if (!emails.add(request.email())) {
                        throw ApiException.conflict("duplicate_email", "The same email address appears earlier in this request",
                                prefix + "email");
                    }
                    prepared = prepare(request, permissions);
                } catch (ApiException e) {
                    results.add(BulkResult.failed(index, items.get(index), e));
                    continue;
                }
                results.add(BulkResult.created(index, insert(prepared, permissions)));
            }
            return results;
        });
    }

    /**
     * A request checked against the realm and the caller's permissions, ready to be written;
     * {@code expired} is an earlier invitation for the address whose claim on it the new one takes over.
     */
    private record Prepared(InvitationRequest request, List<String> roles, List<String> groups, long lifetimeSeconds,
                            Optional<InvitationEntity> expired) {
    }

    private Prepared prepare(InvitationRequest request, InvitationPermissions permissions) {
        rules.checkNames(request);
        List<String> roles = rules.checkRoles(request.roles(), permissions);
        List<String> groups = rules.checkGroups(request.groups(), permissions);
        long lifetime = rules.checkLifetime(request.expiresInSeconds());
        rules.checkClient(request.clientId(), request.redirectUri());
        rules.checkLocale(request.locale());
        rules.requireNoUser(request.email());
        long now = Time.currentTimeMillis();
        Optional<InvitationEntity> open = store.findOpenByEmail(request.email());
        if (open.isPresent() && open.get().effectiveStatus(now) == InvitationStatus.PENDING) {
            throw ApiException.conflict("invitation_pending",
                    "An open invitation for this email address exists: " + open.get().getId(), "email");
        }
        return new Prepared(request, roles, groups, lifetime, open);
    }

    private InvitationRepresentation insert(Prepared prepared, InvitationPermissions permissions) {
        InvitationRequest request = prepared.request();
        long now = Time.currentTimeMillis();
        prepared.expired().ifPresent(expired -> expired.setPendingEmail(null));

        UserModel inviter = permissions.caller();
        String token = SecretToken.generate();
        InvitationEntity invitation = new InvitationEntity();
        invitation.setId(KeycloakModelUtils.generateId());
        invitation.setRealmId(realm.getId());
        invitation.setEmail(request.email());
        invitation.setPendingEmail(request.email());
        invitation.setFirstName(request.firstName());
        invitation.setLastName(request.lastName());
        invitation.setRoles(JsonList.write(prepared.roles()));
        invitation.setGroups(JsonList.write(prepared.groups()));
        invitation.setStatus(InvitationStatus.PENDING);
        invitation.setTokenHash(SecretToken.hash(token));
        invitation.setCreatedAt(now);
        invitation.setExpiresAt(now + prepared.lifetimeSeconds() * 1000);
        invitation.setInvitedById(inviter.getId());
        invitation.setInvitedByUsername(inviter.getUsername());
        invitation.setClientId(request.clientId());
        invitation.setRedirectUri(request.redirectUri());
        invitation.setLocale(request.locale());
        invitation.setEmailDelivery(EmailDelivery.NOT_REQUESTED);
        store.insert(invitation);

        if (request.sendEmail()) {
            mail(invitation, token, displayName(inviter), false, RealmLinks.emailBase(session));
        }
        return InvitationRepresentation.of(invitation, now);
    }

    public List<InvitationRepresentation> list(InvitationStore.Query query, int first, int max) {
        long now = Time.currentTimeMillis();
        return store.list(query, now, first, max).stream().map(i -> InvitationRepresentation.of(i, now)).toList();
    }

    public long count(InvitationStore.Query query) {
        return store.count(query, Time.currentTimeMillis());
    }

    /** The number of invitations in each status (all of them present), with the query's other filters. */
    public Map<InvitationStatus, Long> countByStatus(InvitationStore.Query query) {
        long now = Time.currentTimeMillis();
        Map<InvitationStatus, Long> counts = new EnumMap<>(InvitationStatus.class);
        for (InvitationStatus status : InvitationStatus.values()) {
            counts.put(status, store.count(query.withStatus(status), now));
        }
        return counts;
    }

    public InvitationOptions options(InvitationPermissions permissions) {
        return InvitationOptions.of(session, realm, permissions);
    }

    public InvitationRepresentation get(String id) {
        return InvitationRepresentation.of(find(id), Time.currentTimeMillis());
    }

    /** Revokes an open (or expired) invitation; the row stays as history. */
    public InvitationRepresentation revoke(String id, InvitationPermissions permissions) {
        return Transactions.writing(session, () -> revokeNow(id, permissions));
    }

    private InvitationRepresentation revokeNow(String id, InvitationPermissions permissions) {
        long now = Time.currentTimeMillis();
        InvitationEntity invitation = lockWritable(id, "revoke", permissions);
        invitation.setStatus(InvitationStatus.REVOKED);
        invitation.setPendingEmail(null);
        invitation.setRevokedAt(now);
        return InvitationRepresentation.of(invitation, now);
    }

    /**
     * Issues a fresh token (the old one stops working), renews the expiry with the realm's default
     * lifetime and emails the new link. Works for open and expired invitations.
     */
    public InvitationRepresentation resend(String id, InvitationPermissions permissions) {
        return Transactions.writing(session, () -> resendNow(id, permissions));
    }

    private InvitationRepresentation resendNow(String id, InvitationPermissions permissions) {
        long now = Time.currentTimeMillis();
        InvitationEntity invitation = lockWritable(id, "resend", permissions);
        rules.requireNoUser(invitation.getEmail());
        String token = SecretToken.generate();
        invitation.setTokenHash(SecretToken.hash(token));
        invitation.setExpiresAt(now + new RealmSettings(realm).invitationLifetimeSeconds() * 1000);
        // An expired invitation may have lost its claim on the address to a newer one.
        invitation.setPendingEmail(invitation.getEmail());
        store.flush();
        mail(invitation, token, displayName(permissions.caller()), true, RealmLinks.emailBase(session));
        return InvitationRepresentation.of(invitation, now);
    }

    /**
     * The sweep's part: open invitations (holding their address) whose email a stopped node left PENDING too
     * long get a new token and their email again, in their inviter's name, the link valid as long as the
     * first one was when it was posted.
     */
    public static void resendStalePending(KeycloakSession session) {
        long now = Time.currentTimeMillis();
        Redelivery.sweep(session, InvitationEntity.class, now,
                (realm, invitation) -> new InvitationService(session).resendStale(invitation, now),
                "r.status = :open AND r.pendingEmail IS NOT NULL AND r.emailLinkBase IS NOT NULL", "open", InvitationStatus.PENDING);
    }

    private void resendStale(InvitationEntity invitation, long now) {
        if (session.users().getUserByEmail(realm, invitation.getEmail()) != null) {
            // The address got an account meanwhile: a new link could not be used. Left to an admin, as FAILED.
            invitation.setEmailDelivery(EmailDelivery.FAILED);
            return;
        }
        String token = SecretToken.generate();
        invitation.setTokenHash(SecretToken.hash(token));
        invitation.setExpiresAt(Redelivery.renewedExpiry(invitation.getExpiresAt(), invitation.getEmailPostedAt(), now));
        UserModel inviter = invitation.getInvitedById() == null ? null : session.users().getUserById(realm, invitation.getInvitedById());
        mail(invitation, token, inviter != null ? displayName(inviter) : invitation.getInvitedByUsername(), true,
                invitation.getEmailLinkBase());
    }

    /**
     * The invitation email goes out once the token it carries is committed; until then it is PENDING, since now.
     *
     * @param replacing whether an earlier email of this invitation may exist, whose link this one ends
     * @param linkBase  where the link points ({@link RealmLinks#emailBase}), kept for sending it again
     */
    private void mail(InvitationEntity invitation, String token, String inviterName, boolean replacing, String linkBase) {
        invitation.setEmailDelivery(EmailDelivery.PENDING);
        invitation.setEmailPostedAt(Time.currentTimeMillis());
        invitation.setEmailLinkBase(linkBase);
        Outbox.post(session, realm, invitation.getId(), new InvitationLetter(invitation.getId(), invitation.getTokenHash(),
                InvitationLinks.emailLink(linkBase, realm, token), inviterName, replacing));
    }

    /**
     * Locks an invitation that is still open (PENDING, expired or not) for a change by the caller: every
     * write goes through here, so none skips the caller's ceiling ({@link InvitationCeiling}).
     *
     * @param action what the caller does ("resend", "revoke"), for the messages
     * @throws ApiException 404 if unknown, 409 naming its status if accepted or revoked, 403 if it carries
     *                      a role or group beyond the caller's ceiling
     */
    private InvitationEntity lockWritable(String id, String action, InvitationPermissions permissions) {
        InvitationEntity invitation = store.lockById(id).orElseThrow(InvitationService::notFound);
        if (invitation.getStatus() != InvitationStatus.PENDING) {
            throw ApiException.conflict("invitation_" + invitation.getStatus().name().toLowerCase(Locale.ROOT),
                    "Cannot " + action + " an invitation that is " + invitation.getStatus() + "; only open or expired ones", null);
        }
        // A role or group deleted since grants nothing on acceptance, so it bounds nobody.
        InvitationCeiling.refusal(action, JsonList.read(invitation.getRoles()), JsonList.read(invitation.getGroups()),
                        name -> Optional.ofNullable(realm.getRole(name)).map(permissions::mayGrant).orElse(true),
                        path -> Optional.ofNullable(KeycloakModelUtils.findGroupByPath(session, realm, path))
                                .map(permissions::mayGrant).orElse(true))
                .ifPresent(message -> {
                    throw ApiException.forbidden(message);
                });
        return invitation;
    }

    /** Removes the invitations of a realm that is being deleted. */
    public static void deleteRealm(KeycloakSession session, String realmId) {
        new InvitationStore(session, realmId).deleteRealm();
    }

    private InvitationEntity find(String id) {
        return store.find(id).orElseThrow(InvitationService::notFound);
    }

    private static String displayName(UserModel user) {
        String first = user.getFirstName();
        String last = user.getLastName();
        if (first != null && last != null) {
            return first + " " + last;
        }
        return first != null ? first : user.getUsername();
    }

    private static ApiException notFound() {
        return ApiException.notFound("No such invitation in this realm");
    }
}
