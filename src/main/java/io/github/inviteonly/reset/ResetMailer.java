package io.github.inviteonly.reset;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.inviteonly.i18n.LocalizedTimes;
import io.github.inviteonly.mail.EmailDelivery;
import io.github.inviteonly.mail.Mail;
import io.github.inviteonly.settings.RealmSettings;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

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
     * To an approver: who asked, when, from where, and where to decide; one request as a notice of its
     * own, several (those that came in since the approver's last email) as one list.
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
        // With email as username, the address alone: "carol@example.org", not "carol@example.org (carol@example.org)".
        described.put("requester", request.getUsername().equalsIgnoreCase(request.getEmail()) ? request.getEmail()
                : request.getUsername() + " (" + request.getEmail() + ")");
        described.put("requesterEmail", request.getEmail());
        described.put("requestedAt", time(approver, request.getRequestedAt()));
        described.put("requestIp", request.getRequestIp() == null ? "" : request.getRequestIp());
        described.put("requestId", request.getId());
        described.put("link", listed.pageLink());
        described.put("consoleLink", listed.consoleLink());
        return described;
    }

    /** To the requester: the single-use link and when it stops working; whether it replaces an earlier link. */
    EmailDelivery approved(UserModel user, PasswordResetEntity request, String link, boolean replacing) {
        Map<String, Object> attributes = attributes(user);
        attributes.put("link", link);
        attributes.put("replacesEarlier", replacing);
        attributes.put("expiresAt", time(user, request.getExpiresAt()));
        return send(user, "inviteOnlyResetApprovedSubject", List.of(realmName()), "invite-only-reset-approved.ftl",
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
