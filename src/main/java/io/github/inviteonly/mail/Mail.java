package io.github.inviteonly.mail;

import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * One email through Keycloak's email templates (ours ship as theme resources in the JAR, so any email
 * theme can override them and Realm settings → Localization can reword them) and the realm's SMTP settings.
 */
public final class Mail {

    private static final Logger LOG = Logger.getLogger(Mail.class);

    private Mail() {
    }

    /**
     * @param attributes mutable: Keycloak's template provider adds its own entries (locale, msg, …)
     * @param about      what the email is about, for the log (never the link: it carries a token)
     * @return SENT, or FAILED when the SMTP server refused or was unreachable
     */
    public static EmailDelivery send(KeycloakSession session, RealmModel realm, UserModel recipient, String subjectKey,
                                     List<Object> subjectParams, String template, Map<String, Object> attributes, String about) {
        try {
            session.getProvider(EmailTemplateProvider.class)
                    .setRealm(realm)
                    .setUser(recipient)
                    .send(subjectKey, subjectParams, template, attributes);
            return EmailDelivery.SENT;
        } catch (EmailException e) {
            LOG.warnf("%s: %s could not be sent to %s: %s", about, template,
                    recipient.getId(), e.getCause() == null ? e.getMessage() : e.getCause().toString());
            return EmailDelivery.FAILED;
        }
    }
}
