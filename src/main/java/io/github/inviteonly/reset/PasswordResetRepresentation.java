package io.github.inviteonly.reset;

import java.util.List;
import java.util.Map;

import io.github.inviteonly.mail.EmailDelivery;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A password-reset request as the admin API shows it. Deliberately has no token and no link: whoever
 * reads the list must not be able to set someone else's password.
 */
public record PasswordResetRepresentation(
        String id,
        String userId,
        String username,
        String email,
        PasswordResetStatus status,
        long requestedAt,
        String requestIp,
        String clientId,
        long expiresAt,
        Long decidedAt,
        Decider decidedBy,
        DecisionChannel decidedVia,
        String reason,
        EmailDelivery emailDelivery,
        Long completedAt,
        @Schema(description = "How many requests the user made in the last 30 days, this one included")
        long requestsLast30Days,
        @Schema(description = "The last attempt to decide this request that was refused (e.g. a Credential reset in "
                + "Keycloak's console on one's own request); absent if none")
        Refusal lastRefusal,
        @Schema(description = "The browser (User-Agent) the request came from, cut to 255 characters; absent when none was sent")
        String userAgent,
        @Schema(description = "When the owner cancelled the request with the link of the notice they got (status CANCELLED)")
        Long cancelledAt,
        @Schema(description = "From when the approved link works: the approval plus the realm's cooling-off "
                + "(inviteOnly.passwordReset.coolingOffSeconds); absent before approval")
        Long linkValidFrom,
        @Schema(description = "Whether the account's address is no longer the one this request was made for (its `email`): "
                + "approving is then refused (409, error `email_changed`), since the link goes only to that address")
        boolean emailChanged,
        @Schema(description = "Who approved so far, oldest first; the request stays PENDING until approvalsRequired "
                + "different approvers have approved")
        List<Approval> approvals,
        @Schema(description = "How many different approvers must approve: 2 for a privileged account, else 1")
        int approvalsRequired,
        @Schema(description = "How many users other than the requester may approve (counted up to 50); only on PENDING "
                + "requests, absent otherwise. Fewer than approvalsRequired: the request cannot be approved until more "
                + "approvers exist")
        Integer eligibleApprovers,
        @Schema(description = "What an approver should weigh before deciding; recorded with the request, except `secondFactors`")
        Signals signals) {

    /** The window of {@code requestsLast30Days}. */
    static final long RECENT_WINDOW_MILLIS = 30L * 24 * 3600 * 1000;

    /** Who approved or rejected; kept as written even if that user is deleted later. */
    public record Decider(String id, String username) {
    }

    /** A refused attempt to decide: by whom, when, why (the error the caller got), through which door. */
    public record Refusal(Decider by, long at, String reason, DecisionChannel via) {
    }

    /** The risk signals of a request. */
    public record Signals(
            @Schema(description = "When the account was created (epoch ms); absent if unknown")
            Long accountCreatedAt,
            @Schema(description = "Whether the account is privileged: it holds a realm-management role (directly, through a "
                    + "composite or a group) or a role named in the realm attribute inviteOnly.passwordReset.privilegedRoles, "
                    + "or its address changed within inviteOnly.passwordReset.recentEmailChangeSeconds before the request")
            boolean privileged,
            @Schema(description = "Why it is privileged, e.g. `role:realm-admin`, `role:app/admin`, `recent_email_change`; "
                    + "empty if it is not")
            List<String> privilegedReasons,
            @Schema(description = "The account's last address change the extension saw before the request (epoch ms; admin API, "
                    + "admin console, account console, update-email action); absent when unknown")
            Long emailChangedAt,
            @Schema(description = "Whether the request's IP is among the account's LOGIN events of the 30 days before the "
                    + "request in Keycloak's event store; absent when the realm does not store LOGIN events")
            Boolean requestIpSeenAtLogin,
            @Schema(description = "The account's OTP and WebAuthn credential types as they are now, e.g. [\"otp\", \"webauthn\"]")
            List<String> secondFactors,
            @Schema(description = "How many requests the user had made in the 30 days up to this one, this one included")
            long requestsLast30Days) {
    }

    /** One approval: by whom, when, through which door. */
    public record Approval(Decider approvedBy, long at, DecisionChannel via) {
    }

    /** This request with how its email went, when it was sent after the commit. */
    public PasswordResetRepresentation delivered(Map<String, EmailDelivery> outcomes) {
        EmailDelivery outcome = outcomes.getOrDefault(id, emailDelivery);
        return new PasswordResetRepresentation(id, userId, username, email, status, requestedAt, requestIp, clientId,
                expiresAt, decidedAt, decidedBy, decidedVia, reason, outcome, completedAt, requestsLast30Days, lastRefusal,
                userAgent, cancelledAt, linkValidFrom, emailChanged, approvals, approvalsRequired, eligibleApprovers, signals);
    }

    /**
     * @param recentRequests    the user's requests in the last 30 days
     * @param currentEmail      the account's address now (null: the account is gone)
     * @param secondFactors     the account's second-factor credential types now
     * @param approvals         the request's approvals, oldest first
     * @param eligibleApprovers how many others may approve it, or null when it is not pending
     */
    static PasswordResetRepresentation of(PasswordResetEntity e, long now, long recentRequests, String currentEmail,
                                          List<String> secondFactors, List<ResetApprovalEntity> approvals, Integer eligibleApprovers) {
        Decider decider = e.getDecidedById() == null ? null : new Decider(e.getDecidedById(), e.getDecidedByUsername());
        Refusal refusal = e.getRefusedAt() == null ? null : new Refusal(
                e.getRefusedById() == null ? null : new Decider(e.getRefusedById(), e.getRefusedByUsername()),
                e.getRefusedAt(), e.getRefusalReason(), e.getRefusedVia());
        return new PasswordResetRepresentation(e.getId(), e.getUserId(), e.getUsername(), e.getEmail(),
                e.effectiveStatus(now), e.getRequestedAt(), e.getRequestIp(), e.getClientId(), e.getExpiresAt(),
                e.getDecidedAt(), decider, e.getDecidedVia(), e.getReason(), e.getEmailDelivery(), e.getCompletedAt(),
                recentRequests, refusal, e.getUserAgent(), e.getCancelledAt(), e.getLinkValidFrom(),
                currentEmail != null && !DecisionRule.sameAddress(e.getEmail(), currentEmail),
                approvals.stream().map(a -> new Approval(a.getApproverId() == null ? null
                        : new Decider(a.getApproverId(), a.getApproverUsername()), a.getApprovedAt(), a.getVia())).toList(),
                ApprovalCount.required(e.isPrivileged()), eligibleApprovers,
                new Signals(e.getAccountCreatedAt(), e.isPrivileged(), e.getPrivilegedReasons(), e.getEmailChangedAt(),
                        e.getRequestIpSeenAtLogin(), secondFactors,
                        e.getRequestsLast30Days() != null ? e.getRequestsLast30Days() : recentRequests));
    }
}
