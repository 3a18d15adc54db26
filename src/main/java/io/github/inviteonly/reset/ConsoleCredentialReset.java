package io.github.inviteonly.reset;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.inviteonly.http.ApiException;
import org.keycloak.common.ClientConnection;
import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Keycloak's console "Credential reset" ({@code PUT users/{id}/execute-actions-email}, or the older
 * {@code reset-password-email}) with Update Password, on a user whose reset request is open, judged before
 * Keycloak mails anything (from {@link ConsoleApprovalEmails}) by the API's own rule ({@link DecisionRule}):
 * only an approver, never on one's own request, a lifespan within the realm's bounds, and Update Password
 * alone (with other actions Keycloak's own link would skip every rule of the request). Calls without
 * Update Password do not touch the request.
 * <p>
 * A refusal answers the console with a 4xx JSON error whose description its dialog shows. Keycloak's call
 * then fails as a whole, so the refusal is recorded in a transaction of its own: an admin event in
 * Keycloak's event store and the request's {@code lastRefusal}.
 */
final class ConsoleCredentialReset {

    static final String UPDATE_PASSWORD_ALONE = "While the user's password-reset request is open, send Update Password alone: "
            + "it approves the request, and the user gets a single-use link from it";
    private static final String UPDATE_PASSWORD = UserModel.RequiredAction.UPDATE_PASSWORD.name();

    private ConsoleCredentialReset() {
    }

    /**
     * @return whether this call is a decision on the user's open request (Keycloak's email is then replaced by
     * ours); false when it does not concern one and Keycloak's email goes out as usual
     * @throws ApiException when the rules refuse it (recorded first)
     */
    static boolean decides(KeycloakSession session, RealmModel realm, UserModel user, List<?> actions) {
        if (actions == null || !actions.contains(UPDATE_PASSWORD)) {
            return false;
        }
        long now = Time.currentTimeMillis();
        Optional<PasswordResetEntity> open = new PasswordResetStore(session, realm.getId()).findOpenByUser(user.getId())
                .filter(request -> request.effectiveStatus(now).isOpen());
        if (open.isEmpty()) {
            return false;
        }
        PasswordResetPermissions caller = PasswordResetPermissions.ofAdminCaller(session, realm);
        try {
            DecisionRule.requireDecider(caller.mayApprove(), caller.caller().getId(), user.getId());
            if (actions.size() != 1) {
                throw ApiException.badRequest("actions", UPDATE_PASSWORD_ALONE);
            }
            ResetDecisions.linkLifetime(realm, chosenLifespanSeconds(session), "lifespan");
            return true;
        } catch (ApiException refusal) {
            record(session, realm, open.get().getId(), caller, refusal.body().description());
            throw refusal;
        }
    }

    /**
     * The console's "Expires in" is a query parameter of the call (Keycloak has already refused it if it is
     * not a number); null when the admin left it blank.
     */
    static Long chosenLifespanSeconds(KeycloakSession session) {
        String lifespan = session.getContext().getUri().getQueryParameters().getFirst("lifespan");
        return lifespan != null ? Long.valueOf(lifespan) : null;
    }

    /** The refusal, committed on its own: Keycloak drops the failing call's transaction. Never a token or link. */
    private static void record(KeycloakSession session, RealmModel realm, String requestId, PasswordResetPermissions caller, String reason) {
        String realmId = realm.getId();
        UserModel by = caller.caller();
        AdminAuth auth = caller.adminAuth();
        ClientConnection connection = session.getContext().getConnection();
        String call = session.getContext().getUri().getPath();
        long now = Time.currentTimeMillis();
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), inner -> {
            RealmModel inRealm = inner.realms().getRealm(realmId);
            inner.getContext().setRealm(inRealm);
            new PasswordResetStore(inner, realmId).find(requestId).ifPresent(request ->
                    request.refused(by, DecisionChannel.CONSOLE, now, reason));
            new AdminEventBuilder(inRealm, auth, inner, connection)
                    .resource(PasswordResetsAdminResource.RESOURCE_TYPE)
                    .operation(OperationType.ACTION)
                    .resourcePath("invite-only", "password-resets", requestId, "refusal")
                    .representation(Map.of("via", DecisionChannel.CONSOLE.name(), "call", call, "reason", reason))
                    .detail("refused", reason)
                    .success();
        });
    }
}
