package io.github.inviteonly.invitation;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.inviteonly.i18n.LocalizedTimes;
import io.github.inviteonly.mail.EmailDelivery;
import io.github.inviteonly.mail.Letter;
import io.github.inviteonly.mail.Mail;
import io.github.inviteonly.settings.RealmSettings;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.storage.adapter.InMemoryUserAdapter;

/**
 * The invitation email with its link, for the token committed with it. The link (built while the request
 * that made it is at hand) lives only here, in memory, until the email is written; the row keeps the
 * token's hash. {@code replacing}: a resend, whose email says that its link replaces any earlier one.
 */
record InvitationLetter(String invitationId, String tokenHash, String link, String inviterName, boolean replacing) implements Letter {

    static final String TEMPLATE = "invite-only-invitation.ftl";
    static final String SUBJECT = "inviteOnlyInvitationSubject";

    @Override
    public EmailDelivery send(KeycloakSession session, RealmModel realm) {
        InvitationStore store = new InvitationStore(session, realm.getId());
        // A resend may have replaced the token meanwhile: then its own letter carries the link that works.
        InvitationEntity invitation = store.find(invitationId).filter(found -> tokenHash.equals(found.getTokenHash())).orElse(null);
        if (invitation == null) {
            return null;
        }
        EmailDelivery delivery = Mail.send(session, realm, recipient(session, realm, invitation), SUBJECT,
                List.of(new RealmSettings(realm).displayName()), TEMPLATE, attributes(session, realm, invitation),
                "Invitation " + invitationId);
        store.recordDelivery(invitationId, tokenHash, delivery);
        return delivery;
    }

    /** The invitee has no account yet: Keycloak's templates need a user, so an unsaved one carries the address, names and locale. */
    private static UserModel recipient(KeycloakSession session, RealmModel realm, InvitationEntity invitation) {
        InMemoryUserAdapter recipient = new InMemoryUserAdapter(session, realm, invitation.getId());
        recipient.setEmail(invitation.getEmail());
        recipient.setFirstName(invitation.getFirstName());
        recipient.setLastName(invitation.getLastName());
        if (invitation.getLocale() != null) {
            recipient.setSingleAttribute(UserModel.LOCALE, invitation.getLocale());
        }
        return recipient;
    }

    private Map<String, Object> attributes(KeycloakSession session, RealmModel realm, InvitationEntity invitation) {
        Locale locale = session.getContext().resolveLocale(recipient(session, realm, invitation));
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("link", link);
        attributes.put("inviterName", inviterName);
        attributes.put("realmName", new RealmSettings(realm).displayName());
        attributes.put("expiresAt", LocalizedTimes.format(invitation.getExpiresAt(), locale));
        attributes.put("firstName", invitation.getFirstName() == null ? "" : invitation.getFirstName());
        attributes.put("replacesEarlier", replacing);
        return attributes;
    }

    /** Never the link: it carries the token. */
    @Override
    public String toString() {
        return "InvitationLetter[" + invitationId + "]";
    }
}
