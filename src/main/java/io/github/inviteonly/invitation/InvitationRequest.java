package io.github.inviteonly.invitation;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.http.ApiException;
import io.github.inviteonly.http.JsonBody;
import io.github.inviteonly.mail.EmailAddresses;
import org.keycloak.utils.EmailValidationUtil;

/** A request to invite one person, as read from JSON and checked for shape (not yet against the realm). */
public record InvitationRequest(
        String email,
        String firstName,
        String lastName,
        List<String> roles,
        List<String> groups,
        Long expiresInSeconds,
        String clientId,
        String redirectUri,
        String locale,
        boolean sendEmail) {

    static final Set<String> FIELDS = Set.of("email", "firstName", "lastName", "roles", "groups",
            "expiresInSeconds", "clientId", "redirectUri", "locale", "sendEmail");

    public static final int MAX_NAME = 255;
    static final int MAX_ROLES = 50;
    static final int MAX_GROUPS = 50;
    static final int MAX_REDIRECT_URI = 2048;

    public static InvitationRequest parse(String body) {
        return read(JsonBody.parse(body, FIELDS));
    }

    /** One element of a bulk request; errors name it, e.g. {@code invitations[3].email}. */
    static InvitationRequest parseElement(JsonNode node, String prefix) {
        return read(JsonBody.of(node, prefix.isEmpty() ? null : prefix.substring(0, prefix.length() - 1), prefix, FIELDS));
    }

    private static InvitationRequest read(JsonBody body) {
        String email = EmailAddresses.normalize(body.requiredText("email", MAX_NAME));
        if (!EmailValidationUtil.isValidEmail(email)) {
            throw ApiException.badRequest(body.name("email"), "must be a valid email address");
        }
        if (!email.chars().allMatch(c -> c < 0x80)) {
            // Keycloak's mailer does not speak SMTPUTF8: the invitation could never be delivered.
            throw ApiException.badRequest(body.name("email"), "must be an address in ASCII letters; mail to others cannot be sent");
        }
        String locale = body.optionalText("locale", 32);
        if (locale != null && !locale.matches("[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*")) {
            throw ApiException.badRequest(body.name("locale"), "must be a language tag such as en or de");
        }
        String clientId = body.optionalText("clientId", MAX_NAME);
        String redirectUri = body.optionalText("redirectUri", MAX_REDIRECT_URI);
        if (redirectUri != null && clientId == null) {
            throw ApiException.badRequest(body.name("redirectUri"), "needs clientId: it must be a redirect URI of that client");
        }
        return new InvitationRequest(
                email,
                body.optionalText("firstName", MAX_NAME),
                body.optionalText("lastName", MAX_NAME),
                body.stringList("roles", MAX_ROLES, MAX_NAME),
                body.stringList("groups", MAX_GROUPS, 1024),
                body.optionalLong("expiresInSeconds"),
                clientId,
                redirectUri,
                locale,
                body.optionalBoolean("sendEmail", true));
    }

}
