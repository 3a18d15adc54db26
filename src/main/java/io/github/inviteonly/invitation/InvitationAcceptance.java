package io.github.inviteonly.invitation;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.inviteonly.http.ApiException;
import io.github.inviteonly.http.RealmLinks;
import io.github.inviteonly.http.Transactions;
import io.github.inviteonly.i18n.KeycloakMessages;
import io.github.inviteonly.mail.EmailAddresses;
import io.github.inviteonly.security.Passwords;
import io.github.inviteonly.security.SecretToken;
import io.github.inviteonly.settings.RealmSettings;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.userprofile.UserProfile;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;

/**
 * Turning an invitation into a Keycloak user: from the emailed link to Keycloak's registration page (or
 * an identity provider, or the REST call), exactly once per invitation.
 */
public class InvitationAcceptance {

    private static final Logger LOG = Logger.getLogger(InvitationAcceptance.class);

    /** Detail of the REGISTER event that names the accepted invitation. */
    public static final String INVITATION_ID_DETAIL = "invitation_id";

    private static final String TICKET_PREFIX = "invite-only.sign-up-ticket.";
    private static final String TICKET_CLAIM = "claim";
    /** Long enough to fill in the registration form, reload it, or come back from a coffee. */
    private static final long TICKET_SECONDS = 30 * 60;

    /** Error codes of an invitation that can no longer be used. */
    static final String USED = "invitation_used";
    static final String REVOKED = "invitation_revoked";
    static final String EXPIRED = "invitation_expired";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final InvitationStore store;

    public InvitationAcceptance(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.store = new InvitationStore(session, realm.getId());
    }

    /**
     * Where the emailed link sends the browser: Keycloak's registration page, for an invitation that is open.
     * The page gets a short-lived ticket, not the token: Keycloak keeps a registration URL's parameters in
     * its sessions, and the token stays only with the invitee and, hashed, in our table. The ticket holds a
     * {@link SignUpClaim}: a resend (new token) ends it.
     */
    public URI signUpPage(String token) {
        InvitationEntity invitation = store.findByTokenHash(SecretToken.hash(token)).orElseThrow(InvitationAcceptance::invalidToken);
        requireUsable(invitation, Time.currentTimeMillis());
        String ticket = SecretToken.generate();
        session.singleUseObjects().put(TICKET_PREFIX + ticket, TICKET_SECONDS, Map.of(TICKET_CLAIM, SignUpClaim.of(invitation).text()));
        return InvitationLinks.registrationPage(session, realm, invitation, ticket);
    }

    /**
     * The open invitation behind what the registration page was opened with: a ticket from {@link #signUpPage}
     * (it works for a while, so that reloading the page works too) or, from links mailed by earlier versions,
     * the token itself.
     */
    public Optional<InvitationEntity> findUsableByTicketOrToken(String ticketOrToken) {
        Map<String, String> ticket = session.singleUseObjects().get(TICKET_PREFIX + ticketOrToken);
        return ticket != null ? findUsableByClaim(ticket.get(TICKET_CLAIM)) : findUsableByToken(ticketOrToken);
    }

    /** The open invitation a {@link SignUpClaim} (as text) names, if it still has the token the claim was made with. */
    public Optional<InvitationEntity> findUsableByClaim(String claimText) {
        return SignUpClaim.parse(claimText)
                .flatMap(claim -> store.find(claim.invitationId()).filter(this::isUsable).filter(claim::holdsFor));
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
        InvitationEntity invitation = store.findByTokenHash(SecretToken.hash(token)).orElseThrow(InvitationAcceptance::invalidToken);
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
                .orElseThrow(InvitationAcceptance::invalidToken);
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
                new InvitationRules(session, realm).requireNoUser(invitation.getEmail());
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

    /**
     * Sign-up on Keycloak's registration page (or through an identity provider): Keycloak has created the
     * user from the form (profile, password policy); this adds what the invitation grants, and marks the
     * address verified only when it is the invited one (the invitation reached that mailbox). The row lock
     * makes a second sign-up with the same invitation fail (410), which rolls its user back; so does a resend
     * since the claim was made.
     *
     * @param claimText the {@link SignUpClaim} the sign-up was made with, as text
     */
    public void completeRegistration(String claimText, UserModel user) {
        Transactions.writing(session, () -> {
            long now = Time.currentTimeMillis();
            SignUpClaim claim = SignUpClaim.parse(claimText).orElseThrow(InvitationAcceptance::invalidToken);
            InvitationEntity invitation = store.lockById(claim.invitationId()).orElseThrow(InvitationAcceptance::invalidToken);
            requireUsable(invitation, now);
            if (!claim.holdsFor(invitation)) {
                throw invalidToken();
            }
            user.setEmailVerified(InvitedAddress.matches(invitation.getEmail(), user.getEmail()));
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

    private static void requireUsable(InvitationEntity invitation, long now) {
        switch (invitation.effectiveStatus(now)) {
            case ACCEPTED -> throw ApiException.gone(USED, "This invitation has already been used", "token");
            case REVOKED -> throw ApiException.gone(REVOKED, "This invitation has been withdrawn", "token");
            case EXPIRED -> throw ApiException.gone(EXPIRED, "This invitation has expired", "token");
            case PENDING -> { }
        }
    }

    private static boolean isStandardField(String field) {
        return UserModel.USERNAME.equals(field) || UserModel.EMAIL.equals(field)
                || UserModel.FIRST_NAME.equals(field) || UserModel.LAST_NAME.equals(field);
    }

    private static ApiException invalidToken() {
        return new ApiException(Response.Status.NOT_FOUND, "invitation_invalid", "This invitation link is not valid", "token");
    }
}
