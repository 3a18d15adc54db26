package io.github.inviteonly.reset;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.inviteonly.http.ApiException;
import org.keycloak.common.ClientConnection;
import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * The two decisions admins make in Keycloak's console, judged by the API's own rule ({@link DecisionRule}:
 * only an approver, never on one's own request) before Keycloak commits them:
 * <ul>
 *   <li>"Credential reset" ({@code PUT users/{id}/execute-actions-email}, or the older
 *   {@code reset-password-email}) with Update Password on a user whose request is open, before Keycloak mails
 *   anything (from {@link ConsoleApprovalEmails}); also a lifespan within the realm's bounds, and Update
 *   Password alone (with other actions Keycloak's own link would skip every rule of the request). Calls
 *   without Update Password do not touch the request;</li>
 *   <li>taking a member with a pending request out of the queue group ({@code DELETE users/{id}/groups/{group}}),
 *   which rejects it ({@link PasswordResetEventListener}), while Keycloak removes the membership.</li>
 * </ul>
 * A refusal answers the console with a 4xx JSON error whose description its dialog shows, and Keycloak's
 * call changes nothing. So does a Credential reset that is a privileged request's first of two approvals
 * ({@link ApprovalCount}): it is counted, nothing is mailed, and the dialog says so rather than "Email sent". The refusal is recorded in a transaction of its own: an admin event in Keycloak's
 * event store and the request's {@code lastRefusal}.
 */
public final class ConsoleDecisions {

    static final String UPDATE_PASSWORD_ALONE = "While the user's password-reset request is open, send Update Password alone: "
            + "it approves the request, and the user gets a single-use link from it";
    /** The console's answer to a Credential reset that was counted but was not the last approval needed. */
    static final String SECOND_APPROVAL_REQUIRED = "second_approval_required";
    private static final String UPDATE_PASSWORD = UserModel.RequiredAction.UPDATE_PASSWORD.name();
    /** Keycloak's admin call that takes a user out of a group (the console's Groups tabs both use it). */
    private static final Pattern LEAVE_GROUP_CALL = Pattern.compile("/admin/realms/[^/]+/users/([^/]+)/groups/[^/]+$");

    private ConsoleDecisions() {
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
        PasswordResetStore store = new PasswordResetStore(session, realm.getId());
        Optional<PasswordResetEntity> open = store.findOpenByUser(user.getId())
                .filter(request -> request.effectiveStatus(now).isOpen());
        if (open.isEmpty()) {
            refuseAfterOwnersCancel(session, realm, store.latestOfUser(user.getId()), now);
            return false;
        }
        PasswordResetPermissions caller = PasswordResetPermissions.ofAdminCaller(session, realm);
        String requestId = open.get().getId();
        Integer recorded;
        try {
            DecisionRule.requireDecider(caller.mayApprove(), caller.caller().getId(), user.getId());
            if (actions.size() != 1) {
                throw ApiException.badRequest("actions", UPDATE_PASSWORD_ALONE);
            }
            ResetDecisions.linkLifetime(realm, chosenLifespanSeconds(session), "lifespan");
            DecisionRule.requireSameAddress(open.get().getEmail(), user.getEmail());
            recorded = open.get().getStatus() == PasswordResetStatus.PENDING ? countApproval(session, realm, requestId, caller) : null;
        } catch (ApiException refusal) {
            throw refused(session, realm, requestId, caller, refusal);
        }
        if (recorded != null) {
            // Not the last approval needed: counted, nothing mailed. Keycloak's call must fail, or its dialog
            // would say "Email sent to user."; the console shows this message instead.
            session.getTransactionManager().setRollbackOnly();
            throw ApiException.conflict(SECOND_APPROVAL_REQUIRED, ApprovalCount.recorded(recorded, ApprovalCount.required(true)), null);
        }
        return true;
    }

    /**
     * A Credential reset on a pending request is one approval ({@link ApprovalCount}). When it is the last one
     * needed, Keycloak's call goes on and {@link ResetDecisions#approvedInConsole} counts it with the approval.
     * Otherwise it is recorded here, with an admin event, in a transaction of its own (Keycloak's call will fail).
     *
     * @return how many approvals the request has now, when more are needed; null when this one completes it
     * @throws ApiException 409 {@code already_approved} when the caller approved it before
     */
    private static Integer countApproval(KeycloakSession session, RealmModel realm, String requestId, PasswordResetPermissions caller) {
        String realmId = realm.getId();
        UserModel by = caller.caller();
        AdminAuth auth = caller.adminAuth();
        ClientConnection connection = session.getContext().getConnection();
        long now = Time.currentTimeMillis();
        return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), inner -> {
            RealmModel inRealm = inner.realms().getRealm(realmId);
            inner.getContext().setRealm(inRealm);
            ResetApprovals approvals = new ResetApprovals(inner, realmId);
            return new PasswordResetStore(inner, realmId).lockById(requestId)
                    .filter(request -> request.effectiveStatus(now) == PasswordResetStatus.PENDING)
                    .filter(request -> approvals.judge(request, by.getId()) == ApprovalCount.Outcome.RECORDED)
                    .map(request -> {
                        approvals.approve(request, by, DecisionChannel.CONSOLE, now);
                        int count = approvals.of(requestId).size();
                        adminEvent(inner, inRealm, auth, connection, requestId, "approve")
                                .representation(Map.of("via", DecisionChannel.CONSOLE.name(), "approvals", count,
                                        "approvalsRequired", ApprovalCount.required(request.isPrivileged())))
                                .success();
                        return count;
                    }).orElse(null);
        });
    }

    /**
     * The owner said "this wasn't me" to their latest request: a Credential reset that would mail a link anyway,
     * while that request would still have been open, is the help-desk takeover the cancel is there to stop.
     */
    private static void refuseAfterOwnersCancel(KeycloakSession session, RealmModel realm, Optional<PasswordResetEntity> latest,
                                                long now) {
        if (latest.isEmpty()) {
            return;
        }
        try {
            DecisionRule.requireNotCancelledByOwner(latest.get().getStatus(), latest.get().getExpiresAt(), now);
        } catch (ApiException refusal) {
            throw refused(session, realm, latest.get().getId(), PasswordResetPermissions.ofAdminCaller(session, realm), refusal);
        }
    }

    /**
     * A member is leaving the group {@code group} (Keycloak's group-leave event, fired while the membership is
     * removed). Only Keycloak's own admin call is a decision: our API's approvals and rejections take members
     * out of the queue too, and were judged there.
     *
     * @throws ApiException when the caller may not reject that member's pending request (recorded first)
     */
    public static void leavingGroup(KeycloakSession session, RealmModel realm, GroupModel group) {
        if (!(session.getContext().getBearerToken() instanceof AccessToken)) {
            return;
        }
        Matcher call = LEAVE_GROUP_CALL.matcher(session.getContext().getUri().getPath());
        if (!call.find() || !ResetQueue.isQueue(session, realm, group.getId())) {
            return;
        }
        String userId = call.group(1);
        long now = Time.currentTimeMillis();
        Optional<PasswordResetEntity> pending = new PasswordResetStore(session, realm.getId()).findOpenByUser(userId)
                .filter(request -> request.effectiveStatus(now) == PasswordResetStatus.PENDING);
        if (pending.isEmpty()) {
            return;
        }
        PasswordResetPermissions caller = PasswordResetPermissions.ofAdminCaller(session, realm);
        try {
            DecisionRule.requireDecider(caller.mayApprove(), caller.caller().getId(), userId);
        } catch (ApiException refusal) {
            throw refused(session, realm, pending.get().getId(), caller, refusal);
        }
    }

    /** The refusal, recorded; whatever Keycloak's call changed so far (a membership) is rolled back with it. */
    private static ApiException refused(KeycloakSession session, RealmModel realm, String requestId, PasswordResetPermissions caller,
                                        ApiException refusal) {
        session.getTransactionManager().setRollbackOnly();
        record(session, realm, requestId, caller, refusal.body().description());
        return refusal;
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
            adminEvent(inner, inRealm, auth, connection, requestId, "refusal")
                    .representation(Map.of("via", DecisionChannel.CONSOLE.name(), "call", call, "reason", reason))
                    .detail("refused", reason)
                    .success();
        });
    }

    private static AdminEventBuilder adminEvent(KeycloakSession session, RealmModel realm, AdminAuth auth, ClientConnection connection,
                                                String requestId, String what) {
        return new AdminEventBuilder(realm, auth, session, connection)
                .resource(PasswordResetsAdminResource.RESOURCE_TYPE)
                .operation(OperationType.ACTION)
                .resourcePath("invite-only", "password-resets", requestId, what);
    }
}
