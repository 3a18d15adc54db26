package io.github.inviteonly.invitation;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.inviteonly.http.JsonBody;

/** What the invitee sends to accept: the token from the email, a password and their names. */
public record AcceptRequest(String token, String password, String firstName, String lastName, String username,
                            Map<String, List<String>> attributes) {

    private static final Set<String> FIELDS = Set.of("token", "password", "firstName", "lastName", "username", "attributes");

    public static AcceptRequest parse(String json) {
        JsonBody body = JsonBody.parse(json, FIELDS);
        return new AcceptRequest(
                body.requiredText("token", 256),
                body.requiredSecret("password", 1024),
                body.requiredText("firstName", InvitationRequest.MAX_NAME),
                body.optionalText("lastName", InvitationRequest.MAX_NAME),
                body.optionalText("username", InvitationRequest.MAX_NAME),
                body.stringListMap("attributes", 50, 2048));
    }

    /** The token alone, for {@code POST /lookup}. */
    public static String parseToken(String json) {
        return JsonBody.parse(json, Set.of("token")).requiredText("token", 256);
    }
}
