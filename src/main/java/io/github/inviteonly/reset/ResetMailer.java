package io.github.inviteonly.reset;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.inviteonly.i18n.LocalizedTimes;
import io.github.inviteonly.mail.EmailDelivery;
import io.github.inviteonly.mail.Mail;
import io.github.inviteonly.settings.RealmSettings;
import org.keycloak.common.util.Time;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.UserModelDelegate;

/**
 * The emails of the reset workflow, through Keycloak's email templates (ours ship as theme resources in
 * the JAR; any email theme can override them, Realm settings → Localization can reword them). Each is
 * written in the recipient's language, never the caller's: the caller may be an approver or nobody.
 */
final class ResetMailer {

    private final KeycloakSession session;
    private final RealmModel realm;

    ResetMailer(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** A request in an approver's email, with where to decide it. */
    record Listed(PasswordResetEntity request, String pageLink, String consoleLink) {
    }

    /**
     * To an approver: who asked, when, from where, what to weigh (the signals; how many approvers must approve,
     * and whether fewer than that can), and where to decide; one request as a notice of its own, several (those
     * that came in since the approver's last email) as one list.
     */
    EmailDelivery requestsReceived(UserModel approver, List<Listed> requests) {
        if (requests.size() == 1) {
            Listed only = requests.get(0);
            Map<String, Object> attributes = attributes(approver);
            attributes.putAll(describe(approver, only));
            return send(approver, "inviteOnlyResetRequestSubject", List.of(only.request().getUsername()),
                    "invite-only-reset-request.ftl", attributes, only.request());
        }
        Map<String, Object> attributes = attributes(approver);
        attributes.put("requests", requests.stream().map(listed -> describe(approver, listed)).toList());
        attributes.put("count", requests.size());
        return Mail.send(session, realm, approver, "inviteOnlyResetDigestSubject", List.of(requests.size(), realmName()),
                "invite-only-reset-digest.ftl", attributes, "Password reset digest of " + requests.size());
    }

    private Map<String, Object> describe(UserModel approver, Listed listed) {
        PasswordResetEntity request = listed.request();
        Map<String, Object> described = new HashMap<>();
        described.put("requester", requester(request));
        described.put("requesterEmail", request.getEmail());
        described.put("requestedAt", time(approver, request.getRequestedAt()));
        described.put("requestIp", request.getRequestIp() == null ? "" : request.getRequestIp());
        described.put("requestId", request.getId());
        described.put("link", listed.pageLink());
        described.put("consoleLink", listed.consoleLink());
        signals(described, approver, request, session.users().getUserById(realm, request.getUserId()));
        described.put("approvalsRequired", ApprovalCount.required(request.isPrivileged()));
        described.put("eligibleApprovers", Approvers.of(session, realm, request.getUserId()).size());
        return described;
    }

    /**
     * To the owner, as soon as a request is recorded: when, from where and which browser, that an administrator
     * decides, and the link to cancel it. The IP and the browser come from the caller: the HTML template prints
     * them escaped, outside kcSanitize (which decodes entities and keeps links).
     */
    EmailDelivery requestNotice(UserModel owner, PasswordResetEntity request, String cancelLink) {
        Map<String, Object> attributes = attributes(owner);
        String ip = request.getRequestIp() == null ? "" : request.getRequestIp();
        String browser = request.getUserAgent() == null ? "" : request.getUserAgent();
        attributes.put("requestedAt", time(owner, request.getRequestedAt()));
        attributes.put("requestIp", ip);
        attributes.put("userAgent", browser);
        attributes.put("cancelLink", cancelLink);
        return send(owner, "inviteOnlyResetNoticeSubject", List.of(realmName()), "invite-only-reset-notice.ftl", attributes, request);
    }

    /** To the owner: the request they cancelled is closed, its link (if one was sent) dead. */
    EmailDelivery cancelled(UserModel owner, PasswordResetEntity request) {
        Map<String, Object> attributes = attributes(owner);
        attributes.put("cancelledAt", time(owner, request.getCancelledAt()));
        return send(owner, "inviteOnlyResetCancelledSubject", List.of(realmName()), "invite-only-reset-cancelled.ftl",
                attributes, request);
    }

    /** To an approver: the owner cancelled, so the request left the queue and must not be approved another way. */
    EmailDelivery cancelledToApprover(UserModel approver, PasswordResetEntity request) {
        Map<String, Object> attributes = attributes(approver);
        attributes.put("requester", requester(request));
        attributes.put("requestedAt", time(approver, request.getRequestedAt()));
        attributes.put("cancelledAt", time(approver, request.getCancelledAt()));
        attributes.put("requestId", request.getId());
        return send(approver, "inviteOnlyResetCancelledApproverSubject", List.of(request.getUsername()),
                "invite-only-reset-cancelled-approver.ftl", attributes, request);
    }

    /**
     * To the requester, at the address the request was made for (never one swapped in since): the single-use
     * link, from when (a cooling-off) and until when it works; whether it replaces an earlier link.
     */
    EmailDelivery approved(UserModel user, PasswordResetEntity request, String link, boolean replacing) {
        Map<String, Object> attributes = attributes(user);
        attributes.put("link", link);
        attributes.put("replacesEarlier", replacing);
        attributes.put("expiresAt", time(user, request.getExpiresAt()));
        // Empty when the link works at once: the template then says nothing of a start.
        Long validFrom = request.getLinkValidFrom();
        attributes.put("validFrom", LinkWindow.notYet(validFrom, Time.currentTimeMillis()) ? time(user, validFrom) : "");
        return send(addressedTo(user, request.getEmail()), "inviteOnlyResetApprovedSubject", List.of(realmName()), "invite-only-reset-approved.ftl",
                attributes, request);
    }

    EmailDelivery rejected(UserModel user, PasswordResetEntity request) {
        Map<String, Object> attributes = attributes(user);
        attributes.put("reason", request.getReason() == null ? "" : request.getReason());
        return send(user, "inviteOnlyResetRejectedSubject", List.of(realmName()), "invite-only-reset-rejected.ftl",
                attributes, request);
    }

    /** After completion, so that a reset the user did not make does not go unnoticed. */
    EmailDelivery completed(UserModel user, PasswordResetEntity request) {
        Map<String, Object> attributes = attributes(user);
        attributes.put("completedAt", time(user, request.getCompletedAt()));
        return send(user, "inviteOnlyResetCompletedSubject", List.of(realmName()), "invite-only-reset-completed.ftl",
                attributes, request);
    }

    /**
     * To the address an account had before it changed (any door): the change and when, so that an owner whose
     * address was swapped by someone else hears of it where they still read.
     */
    void emailChanged(UserModel user, String oldEmail, String newEmail, long changedAt) {
        Map<String, Object> attributes = attributes(user);
        attributes.put("oldEmail", oldEmail);
        attributes.put("newEmail", newEmail.isEmpty() ? "-" : newEmail);
        attributes.put("changedAt", time(user, changedAt));
        Mail.send(session, realm, addressedTo(user, oldEmail), "inviteOnlyEmailChangedSubject", List.of(realmName()),
                "invite-only-email-changed.ftl", attributes, "Address change of user " + user.getId());
    }

    /** The risk signals of a request for the approvers' email ({@code secondFactors} as they are now). */
    private void signals(Map<String, Object> attributes, UserModel approver, PasswordResetEntity request, UserModel user) {
        attributes.put("privileged", request.isPrivileged());
        attributes.put("privilegedReasons", String.join(", ", request.getPrivilegedReasons()));
        attributes.put("accountCreatedAt", request.getAccountCreatedAt() == null ? "" : time(approver, request.getAccountCreatedAt()));
        attributes.put("emailChangedAt", request.getEmailChangedAt() == null ? "" : time(approver, request.getEmailChangedAt()));
        Boolean seen = request.getRequestIpSeenAtLogin();
        attributes.put("ipSeenAtLogin", seen == null ? "unknown" : seen ? "yes" : "no");
        attributes.put("secondFactors", user == null ? "" : String.join(", ", ResetSignals.secondFactors(user)));
        attributes.put("requestsLast30Days", String.valueOf(request.getRequestsLast30Days() == null ? 1 : request.getRequestsLast30Days()));
    }

    /** The user (language, name) at another address: Keycloak's template provider mails {@code getEmail()}. */
    private static UserModel addressedTo(UserModel user, String email) {
        return new UserModelDelegate(user) {
            @Override
            public String getEmail() {
                return email;
            }
        };
    }

    /** With email as username, the address alone: "carol@example.org", not "carol@example.org (carol@example.org)". */
    private static String requester(PasswordResetEntity request) {
        return request.getUsername().equalsIgnoreCase(request.getEmail()) ? request.getEmail()
                : request.getUsername() + " (" + request.getEmail() + ")";
    }

    /** Mutable: Keycloak's template provider adds its own entries (locale, msg, …) to this map. */
    private Map<String, Object> attributes(UserModel recipient) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("realmName", realmName());
        attributes.put("firstName", recipient.getFirstName() == null ? "" : recipient.getFirstName());
        // The recipient's own language, not the Accept-Language of whoever caused the email.
        attributes.put(Constants.IGNORE_ACCEPT_LANGUAGE_HEADER, true);
        return attributes;
    }

    private String time(UserModel recipient, long epochMillis) {
        Locale locale = session.getContext().resolveLocale(recipient, true);
        return LocalizedTimes.format(epochMillis, locale);
    }

    private String realmName() {
        return new RealmSettings(realm).displayName();
    }

    private EmailDelivery send(UserModel recipient, String subjectKey, List<Object> subjectParams, String template,
                               Map<String, Object> attributes, PasswordResetEntity request) {
        return Mail.send(session, realm, recipient, subjectKey, subjectParams, template, attributes,
                "Password reset " + request.getId());
    }
}
