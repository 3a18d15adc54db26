package io.github.inviteonly.invitation;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
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
import io.github.inviteonly.i18n.KeycloakMessages;
import io.github.inviteonly.mail.EmailAddresses;
import io.github.inviteonly.mail.EmailDelivery;
import io.github.inviteonly.mail.Outbox;
import io.github.inviteonly.security.Passwords;
import io.github.inviteonly.security.SecretToken;
import io.github.inviteonly.settings.RealmSettings;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.utils.RedirectUtils;
import org.keycloak.userprofile.UserProfile;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.validate.ValidationError;

/**
 * The rules of invitations in one realm: who may invite whom with which roles, the lifecycle
 * PENDING → ACCEPTED / REVOKED (EXPIRED by time), and turning an invitation into a Keycloak user.
 */
public class InvitationService {

    private static final Logger LOG = Logger.getLogger(InvitationService.class);

    /** Detail of the REGISTER event that names the accepted invitation. */
    public static final String INVITATION_ID_DETAIL = "invitation_id";

    private static final String TICKET_PREFIX = "invite-only.sign-up-ticket.";
    private static final String TICKET_INVITATION = "invitationId";
    /** Long enough to fill in the registration form, reload it, or come back from a coffee. */
    private static final long TICKET_SECONDS = 30 * 60;

    /** Error codes of an invitation that can no longer be used. */
    static final String USED = "invitation_used";
    static final String REVOKED = "invitation_revoked";
    static final String EXPIRED = "invitation_expired";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final InvitationStore store;

    public InvitationService(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.store = new InvitationStore(session, realm.getId());
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
        checkNames(request);
        List<String> roles = checkRoles(request.roles(), permissions);
        List<String> groups = checkGroups(request.groups(), permissions);
        long lifetime = checkLifetime(request.expiresInSeconds());
        checkClient(request.clientId(), request.redirectUri());
        checkLocale(request.locale());
        requireNoUser(request.email());
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
            mail(invitation, token, inviter);
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

    public InvitationRepresentation get(String id) {
        return InvitationRepresentation.of(find(id), Time.currentTimeMillis());
    }

    /** Revokes an open (or expired) invitation; the row stays as history. */
    public InvitationRepresentation revoke(String id) {
        return Transactions.writing(session, () -> revokeNow(id));
    }

    private InvitationRepresentation revokeNow(String id) {
        long now = Time.currentTimeMillis();
        InvitationEntity invitation = lockOpen(id, "revoked");
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
        InvitationEntity invitation = lockOpen(id, "re-sent");
        // Resending grants again, in the caller's name: the caller must be allowed to grant what it carries.
        checkRoles(JsonList.read(invitation.getRoles()), permissions);
        checkGroups(JsonList.read(invitation.getGroups()), permissions);
        requireNoUser(invitation.getEmail());
        String token = SecretToken.generate();
        invitation.setTokenHash(SecretToken.hash(token));
        invitation.setExpiresAt(now + new RealmSettings(realm).invitationLifetimeSeconds() * 1000);
        // An expired invitation may have lost its claim on the address to a newer one.
        invitation.setPendingEmail(invitation.getEmail());
        store.flush();
        mail(invitation, token, permissions.caller());
        return InvitationRepresentation.of(invitation, now);
    }

    /** The invitation email goes out once the token it carries is committed; until then it is PENDING. */
    private void mail(InvitationEntity invitation, String token, UserModel inviter) {
        invitation.setEmailDelivery(EmailDelivery.PENDING);
        Outbox.post(session, realm, invitation.getId(), new InvitationLetter(invitation.getId(), invitation.getTokenHash(),
                InvitationLinks.emailLink(session, realm, token), displayName(inviter)));
    }

    /**
     * Where the emailed link sends the browser: Keycloak's registration page, for an invitation that is open.
     * The page gets a short-lived ticket, not the token: Keycloak keeps a registration URL's parameters in
     * its sessions, and the token stays only with the invitee and, hashed, in our table.
     */
    public URI signUpPage(String token) {
        InvitationEntity invitation = store.findByTokenHash(SecretToken.hash(token)).orElseThrow(InvitationService::invalidToken);
        requireUsable(invitation, Time.currentTimeMillis());
        String ticket = SecretToken.generate();
        session.singleUseObjects().put(TICKET_PREFIX + ticket, TICKET_SECONDS, Map.of(TICKET_INVITATION, invitation.getId()));
        return InvitationLinks.registrationPage(session, realm, invitation, ticket);
    }

    /**
     * The open invitation behind what the registration page was opened with: a ticket from {@link #signUpPage}
     * (it works for a while, so that reloading the page works too) or, from links mailed by earlier versions,
     * the token itself.
     */
    public Optional<InvitationEntity> findUsableByTicketOrToken(String ticketOrToken) {
        Map<String, String> ticket = session.singleUseObjects().get(TICKET_PREFIX + ticketOrToken);
        return ticket != null ? findUsableById(ticket.get(TICKET_INVITATION)) : findUsableByToken(ticketOrToken);
    }

    /**
     * Where an invitee goes to sign in: the landing of the invitation behind the token (after sign-up, or
     * on a second click of a used link), or the account console when the token names none.
     */
    public URI landing(Optional<InvitationEntity> invitation) {
        return invitation.map(found -> InvitationLinks.landing(session, realm, found))
                .orElseGet(() -> RealmLinks.accountConsole(session, realm));
    }

    public Optional<InvitationEntity> findByToken(String token) {
        return store.findByTokenHash(SecretToken.hash(token));
    }

    public Optional<InvitationEntity> findById(String id) {
        return store.find(id);
    }

    /** What a sign-up page shows for a token, or why the token cannot be used. */
    public InvitationLookup lookup(String token) {
        InvitationEntity invitation = store.findByTokenHash(SecretToken.hash(token)).orElseThrow(InvitationService::invalidToken);
        requireUsable(invitation, Time.currentTimeMillis());
        return new InvitationLookup(invitation.getEmail(), invitation.getFirstName(), invitation.getLastName(),
                invitation.getExpiresAt(), new RealmSettings(realm).displayName());
    }

    /**
     * Creates the invitee's account: through the user profile (its validation applies), with the realm's
     * password policy, the invitation's roles and groups, email verified. The invitation row is locked
     * first, so of concurrent accepts of one token exactly one creates a user; the others then find it
     * ACCEPTED and get 410.
     */
    public UserModel accept(AcceptRequest request) {
        return Transactions.writing(session, () -> acceptNow(request));
    }

    private UserModel acceptNow(AcceptRequest request) {
        long now = Time.currentTimeMillis();
        InvitationEntity invitation = store.lockByTokenHash(SecretToken.hash(request.token()))
                .orElseThrow(InvitationService::invalidToken);
        requireUsable(invitation, now);

        UserModel user = createUser(invitation, request);
        user.setEnabled(true);
        user.setEmailVerified(true);
        Passwords.set(session, realm, user, request.password(), "password");
        grantRolesAndGroups(user, invitation);
        markAccepted(invitation, user, now);

        new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.REGISTER)
                .user(user)
                .detail(Details.USERNAME, user.getUsername())
                .detail(Details.EMAIL, user.getEmail())
                .detail(Details.REGISTER_METHOD, "invitation")
                .detail(INVITATION_ID_DETAIL, invitation.getId())
                .success();
        return user;
    }

    private UserModel createUser(InvitationEntity invitation, AcceptRequest request) {
        Map<String, List<String>> attributes = new HashMap<>(request.attributes());
        attributes.put(UserModel.EMAIL, List.of(invitation.getEmail()));
        attributes.put(UserModel.FIRST_NAME, List.of(request.firstName()));
        if (request.lastName() != null) {
            attributes.put(UserModel.LAST_NAME, List.of(request.lastName()));
        } else if (invitation.getLastName() != null) {
            attributes.put(UserModel.LAST_NAME, List.of(invitation.getLastName()));
        }
        if (!realm.isRegistrationEmailAsUsername()) {
            attributes.put(UserModel.USERNAME, List.of(request.username() != null ? request.username() : invitation.getEmail()));
        }
        if (invitation.getLocale() != null && !attributes.containsKey(UserModel.LOCALE)) {
            attributes.put(UserModel.LOCALE, List.of(invitation.getLocale()));
        }
        UserProfile profile = session.getProvider(UserProfileProvider.class).create(UserProfileContext.REGISTRATION, attributes);
        try {
            profile.validate();
            return profile.create();
        } catch (ValidationException e) {
            ValidationException.Error error = e.getErrors().get(0);
            String field = error.getAttribute();
            if (UserModel.EMAIL.equals(field)) {
                requireNoUser(invitation.getEmail());
            }
            throw ApiException.badRequest(isStandardField(field) ? field : "attributes." + field,
                    KeycloakMessages.format(session, error.getMessage(), error.getMessageParameters()));
        } catch (ModelDuplicateException e) {
            throw ApiException.conflict("user_exists", "A user with this email address or username already exists", null);
        }
    }

    /** The open invitation for an address (sign-up through an identity provider). */
    public Optional<InvitationEntity> findUsableByEmail(String email) {
        return email == null ? Optional.empty()
                : store.findOpenByEmail(EmailAddresses.normalize(email)).filter(this::isUsable);
    }

    /** The open invitation behind a token (links mailed by earlier versions); empty when it cannot be used. */
    private Optional<InvitationEntity> findUsableByToken(String token) {
        return store.findByTokenHash(SecretToken.hash(token)).filter(this::isUsable);
    }

    public Optional<InvitationEntity> findUsableById(String id) {
        return store.find(id).filter(this::isUsable);
    }

    /**
     * Sign-up on Keycloak's registration page: Keycloak has created the user from the form (profile,
     * password policy); this adds what the invitation grants. The row lock makes a second sign-up with
     * the same invitation fail (410), which rolls its user back.
     */
    public void completeRegistration(String invitationId, UserModel user) {
        Transactions.writing(session, () -> {
            long now = Time.currentTimeMillis();
            InvitationEntity invitation = store.lockById(invitationId).orElseThrow(InvitationService::invalidToken);
            requireUsable(invitation, now);
            user.setEmailVerified(true);
            grantRolesAndGroups(user, invitation);
            markAccepted(invitation, user, now);
            return invitation;
        });
    }

    private boolean isUsable(InvitationEntity invitation) {
        return invitation.effectiveStatus(Time.currentTimeMillis()) == InvitationStatus.PENDING;
    }

    private void grantRolesAndGroups(UserModel user, InvitationEntity invitation) {
        for (String name : JsonList.read(invitation.getRoles())) {
            RoleModel role = realm.getRole(name);
            if (role == null) {
                LOG.warnf("Invitation %s: role '%s' no longer exists and was not granted", invitation.getId(), name);
            } else {
                user.grantRole(role);
            }
        }
        for (String path : JsonList.read(invitation.getGroups())) {
            GroupModel group = KeycloakModelUtils.findGroupByPath(session, realm, path);
            if (group == null) {
                LOG.warnf("Invitation %s: group '%s' no longer exists and was not joined", invitation.getId(), path);
            } else {
                user.joinGroup(group);
            }
        }
    }

    private void markAccepted(InvitationEntity invitation, UserModel user, long now) {
        invitation.setStatus(InvitationStatus.ACCEPTED);
        invitation.setPendingEmail(null);
        invitation.setAcceptedAt(now);
        invitation.setUserId(user.getId());
    }

    /**
     * Locks an invitation that is still open (PENDING, expired or not) for a change.
     *
     * @throws ApiException 404 if unknown, 409 naming its status if accepted or revoked
     */
    private InvitationEntity lockOpen(String id, String change) {
        InvitationEntity invitation = store.lockById(id).orElseThrow(InvitationService::notFound);
        if (invitation.getStatus() != InvitationStatus.PENDING) {
            throw ApiException.conflict("invitation_" + invitation.getStatus().name().toLowerCase(Locale.ROOT),
                    "Only an open or expired invitation can be " + change + "; this one is " + invitation.getStatus(), null);
        }
        return invitation;
    }

    private void requireNoUser(String email) {
        if (session.users().getUserByEmail(realm, email) != null) {
            throw ApiException.conflict("user_exists", "A user with this email address already exists", "email");
        }
    }

    /** Removes the invitations of a realm that is being deleted. */
    public static void deleteRealm(KeycloakSession session, String realmId) {
        new InvitationStore(session, realmId).deleteRealm();
    }

    private InvitationEntity find(String id) {
        return store.find(id).orElseThrow(InvitationService::notFound);
    }

    private static void requireUsable(InvitationEntity invitation, long now) {
        switch (invitation.effectiveStatus(now)) {
            case ACCEPTED -> throw gone(USED, "This invitation has already been used");
            case REVOKED -> throw gone(REVOKED, "This invitation has been withdrawn");
            case EXPIRED -> throw gone(EXPIRED, "This invitation has expired");
            case PENDING -> { }
        }
    }

    /**
     * Names the invitation carries must pass the realm's user profile rules now, not only at sign-up, where
     * the form would refuse them (e.g. "Value contains invalid character").
     */
    private void checkNames(InvitationRequest request) {
        Map<String, List<String>> attributes = new HashMap<>();
        attributes.put(UserModel.EMAIL, List.of(request.email()));
        if (request.firstName() != null) {
            attributes.put(UserModel.FIRST_NAME, List.of(request.firstName()));
        }
        if (request.lastName() != null) {
            attributes.put(UserModel.LAST_NAME, List.of(request.lastName()));
        }
        UserProfile profile = session.getProvider(UserProfileProvider.class).create(UserProfileContext.REGISTRATION, attributes);
        for (String field : List.of(UserModel.FIRST_NAME, UserModel.LAST_NAME)) {
            List<ValidationError> errors = new ArrayList<>();
            if (attributes.containsKey(field) && !profile.getAttributes().validate(field, errors::add) && !errors.isEmpty()) {
                ValidationError error = errors.get(0);
                throw ApiException.badRequest(field,
                        KeycloakMessages.format(session, error.getMessage(), error.getInputHintWithMessageParameters()));
            }
        }
    }

    private List<String> checkRoles(List<String> names, InvitationPermissions permissions) {
        for (String name : names) {
            RoleModel role = realm.getRole(name);
            if (role == null) {
                throw ApiException.badRequest("roles", "Unknown realm role '" + name + "'");
            }
            permissions.requireGrantable(role);
        }
        return names;
    }

    private List<String> checkGroups(List<String> paths, InvitationPermissions permissions) {
        List<String> canonical = new ArrayList<>();
        for (String path : paths) {
            String withSlash = path.startsWith("/") ? path : "/" + path;
            GroupModel group = KeycloakModelUtils.findGroupByPath(session, realm, withSlash);
            if (group == null) {
                throw ApiException.badRequest("groups", "Unknown group '" + path + "'");
            }
            permissions.requireGrantable(group, withSlash);
            canonical.add(withSlash);
        }
        return canonical;
    }

    private long checkLifetime(Long requested) {
        RealmSettings settings = new RealmSettings(realm);
        long lifetime = requested != null ? requested : settings.invitationLifetimeSeconds();
        long min = settings.invitationMinLifetimeSeconds();
        long max = settings.invitationMaxLifetimeSeconds();
        if (lifetime < min || lifetime > max) {
            throw ApiException.badRequest("expiresInSeconds", "must be between " + min + " and " + max + " seconds");
        }
        return lifetime;
    }

    private void checkClient(String clientId, String redirectUri) {
        if (clientId == null) {
            return;
        }
        ClientModel client = realm.getClientByClientId(clientId);
        if (client == null || !client.isEnabled()) {
            throw ApiException.badRequest("clientId", "Unknown or disabled client '" + clientId + "'");
        }
        if (redirectUri != null && RedirectUtils.verifyRedirectUri(session, redirectUri, client) == null) {
            throw ApiException.badRequest("redirectUri", "is not a valid redirect URI of client '" + clientId + "'");
        }
        if (InvitationLinks.landingUri(session, client, redirectUri).isEmpty()) {
            throw ApiException.badRequest("redirectUri", "is required: client '" + clientId + "' has no base URL");
        }
    }

    private void checkLocale(String locale) {
        if (locale != null && realm.isInternationalizationEnabled()
                && realm.getSupportedLocalesStream().noneMatch(locale::equals)) {
            throw ApiException.badRequest("locale", "is not a supported locale of this realm");
        }
    }

    private static boolean isStandardField(String field) {
        return UserModel.USERNAME.equals(field) || UserModel.EMAIL.equals(field)
                || UserModel.FIRST_NAME.equals(field) || UserModel.LAST_NAME.equals(field);
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

    private static ApiException invalidToken() {
        return new ApiException(Response.Status.NOT_FOUND, "invitation_invalid", "This invitation link is not valid", "token");
    }

    private static ApiException gone(String error, String description) {
        return new ApiException(Response.Status.GONE, error, description, "token");
    }
}
