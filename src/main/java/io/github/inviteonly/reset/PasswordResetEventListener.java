package io.github.inviteonly.reset;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * Keeps request records in step with what admins do in Keycloak's console and with password changes
 * anywhere, by watching Keycloak's own events in the same transaction (so record and console commit or
 * fail together):
 * <ul>
 *   <li>Credentials → "Credential reset" ({@code PUT users/{id}/execute-actions-email}) with Update Password,
 *   once {@link ConsoleDecisions} has let it through and {@link ConsoleApprovalEmails} has withheld
 *   Keycloak's email, approves a pending request (or re-issues an approved one's link) with our email;
 *   calls with other actions only leave the request as it is;</li>
 *   <li>removing the user from the "Password reset requests" group rejects it;</li>
 *   <li>a changed password (Keycloak's update-password page, or an admin setting one) completes an open request;</li>
 *   <li>a changed address, by an admin or the user, is remembered and told to the old address ({@link EmailChanges}).</li>
 * </ul>
 */
public class PasswordResetEventListener implements EventListenerProvider {

    /** The console's "Credential reset", and the older call that does the same with Update Password. */
    private static final Pattern EXECUTE_ACTIONS = Pattern.compile("users/([^/]+)/(?:execute-actions|reset-password)-email");
    private static final Pattern RESET_PASSWORD = Pattern.compile("users/([^/]+)/reset-password");
    /** The admin API's (and console's) user update, {@code PUT users/{id}}. */
    private static final Pattern USER = Pattern.compile("users/([^/]+)");
    private static final Pattern LEAVE_GROUP = Pattern.compile("users/([^/]+)/groups/([^/]+)");

    private final KeycloakSession session;

    public PasswordResetEventListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        EmailChanges.fromUserEvent(session, event);
        if (event.getType() == EventType.UPDATE_CREDENTIAL && event.getUserId() != null && event.getDetails() != null
                && PasswordCredentialModel.TYPE.equals(event.getDetails().get(Details.CREDENTIAL_TYPE))) {
            RealmModel realm = session.realms().getRealm(event.getRealmId());
            new ResetCompletion(session, realm).passwordChanged(event.getUserId());
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getResourcePath() == null || event.getRealmId() == null) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        String path = event.getResourcePath();
        Matcher matcher;
        if (event.getResourceType() == ResourceType.USER && event.getOperationType() == OperationType.UPDATE
                && (matcher = USER.matcher(path)).matches()) {
            EmailChanges.fromAdminUpdate(session, realm, matcher.group(1));
        } else if (event.getResourceType() == ResourceType.USER && event.getOperationType() == OperationType.ACTION) {
            if ((matcher = EXECUTE_ACTIONS.matcher(path)).matches()) {
                String userId = matcher.group(1);
                if (ConsoleApprovalEmails.takeWithheld(session, userId)) {
                    new ResetDecisions(session, realm).approvedInConsole(userId, admin(event),
                            ConsoleDecisions.chosenLifespanSeconds(session));
                }
            } else if ((matcher = RESET_PASSWORD.matcher(path)).matches()) {
                new ResetCompletion(session, realm).passwordChanged(matcher.group(1));
            }
        } else if (event.getResourceType() == ResourceType.GROUP_MEMBERSHIP && event.getOperationType() == OperationType.DELETE
                && (matcher = LEAVE_GROUP.matcher(path)).matches()
                && ResetQueue.isQueue(session, realm, matcher.group(2))) {
            new ResetDecisions(session, realm).rejectedInConsole(matcher.group(1), admin(event));
        }
    }

    private UserModel admin(AdminEvent event) {
        AuthDetails auth = event.getAuthDetails();
        if (auth == null || auth.getUserId() == null) {
            return null;
        }
        RealmModel authRealm = session.realms().getRealm(auth.getRealmId());
        return authRealm == null ? null : session.users().getUserById(authRealm, auth.getUserId());
    }

    @Override
    public void close() {
    }
}
