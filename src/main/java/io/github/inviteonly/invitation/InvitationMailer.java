package io.github.inviteonly.invitation;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.inviteonly.i18n.LocalizedTimes;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.storage.adapter.InMemoryUserAdapter;

/**
 * Sends the invitation email with Keycloak's email templates (ours ship as theme resources in the JAR,
 * so any email theme can override them and Realm settings → Localization can reword them).
 */
final class InvitationMailer {

    private static final Logger LOG = Logger.getLogger(InvitationMailer.class);

    static final String TEMPLATE = "invite-only-invitation.ftl";
    static final String SUBJECT = "inviteOnlyInvitationSubject";

    private InvitationMailer() {
    }

    /** @return SENT, or FAILED when the realm's SMTP server refused or was unreachable */
    static EmailDelivery send(KeycloakSession session, RealmModel realm, InvitationEntity invitation, String token,
                              String inviterName) {
        // The invitee has no account yet: Keycloak's templates need a user, so an unsaved one carries the
        // address, names and preferred locale.
        InMemoryUserAdapter recipient = new InMemoryUserAdapter(session, realm, invitation.getId());
        recipient.setEmail(invitation.getEmail());
        recipient.setFirstName(invitation.getFirstName());
        recipient.setLastName(invitation.getLastName());
        if (invitation.getLocale() != null) {
            recipient.setSingleAttribute(UserModel.LOCALE, invitation.getLocale());
        }
        Locale locale = session.getContext().resolveLocale(recipient);
        String realmName = InvitationService.realmDisplayName(realm);
        String expires = LocalizedTimes.format(invitation.getExpiresAt(), locale);
        // Mutable: Keycloak's template provider adds its own entries (locale, msg, …) to this map.
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("link", InvitationLinks.emailLink(session, realm, token));
        attributes.put("inviterName", inviterName);
        attributes.put("realmName", realmName);
        attributes.put("expiresAt", expires);
        attributes.put("firstName", invitation.getFirstName() == null ? "" : invitation.getFirstName());
        try {
            session.getProvider(EmailTemplateProvider.class)
                    .setRealm(realm)
                    .setUser(recipient)
                    .send(SUBJECT, List.of(realmName), TEMPLATE, attributes);
            return EmailDelivery.SENT;
        } catch (EmailException e) {
            // Logged without the link: it carries the token.
            LOG.warnf("Invitation %s: email could not be sent: %s (%s)", invitation.getId(), e.getMessage(),
                    e.getCause() == null ? "no cause" : e.getCause().toString());
            return EmailDelivery.FAILED;
        }
    }
}
