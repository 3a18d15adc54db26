package io.github.inviteonly.reset;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.keycloak.email.EmailException;
import org.keycloak.email.freemarker.FreeMarkerEmailTemplateProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;

/**
 * Keycloak's email templates, except for one email: when an admin uses the console's "Credential reset"
 * with Update Password (or the older {@code reset-password-email} call) on a user whose reset request is
 * open, that is a decision on the request, judged here before anything is mailed
 * ({@link ConsoleDecisions}: refused calls fail with the reason). An allowed one approves (of an
 * approved request: a new link), and the user should get our "your request was approved" email
 * (single-use link, the realm's link lifetime), not Keycloak's generic "Update Your Account" one. That email
 * is withheld here and the session remembers it; {@link PasswordResetEventListener} sees the console's
 * admin event in the same transaction, approves the request and sends ours once it is committed.
 * Every other email is Keycloak's, unchanged; so are calls without Update Password, which leave the request as it is.
 */
public class ConsoleApprovalEmails extends FreeMarkerEmailTemplateProvider {

    /** Session attribute: the ids of the users whose approval email was withheld in this request. */
    private static final String WITHHELD = "invite-only.console-approvals-withheld";

    public ConsoleApprovalEmails(KeycloakSession session) {
        super(session);
    }

    @Override
    public void sendExecuteActions(String link, long expirationInMinutes) throws EmailException {
        if (isApproval()) {
            withheld(session).add(user.getId());
            return;
        }
        super.sendExecuteActions(link, expirationInMinutes);
    }

    private boolean isApproval() {
        return user != null && realm != null
                && attributes.get(Constants.TEMPLATE_ATTR_REQUIRED_ACTIONS) instanceof List<?> actions
                && ConsoleDecisions.decides(session, realm, user, actions);
    }

    /** Whether Keycloak's email to this user was withheld in this request; answers true once per withholding. */
    static boolean takeWithheld(KeycloakSession session, String userId) {
        return withheld(session).remove(userId);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> withheld(KeycloakSession session) {
        Set<String> ids = session.getAttribute(WITHHELD, Set.class);
        if (ids == null) {
            ids = new HashSet<>();
            session.setAttribute(WITHHELD, ids);
        }
        return ids;
    }
}
