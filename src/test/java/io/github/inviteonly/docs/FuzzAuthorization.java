package io.github.inviteonly.docs;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.github.inviteonly.docs.FuzzRequests.Caller;

/**
 * The Authorization header of a generated request. A signed-in caller always sends its own valid token:
 * what that caller may do is the point of its requests. The anonymous caller sends none, or one that must
 * be refused: junk, another realm's, tampered, unsigned, empty, Basic credentials, a scheme without a token.
 */
final class FuzzAuthorization {

    private final FuzzValues values;

    FuzzAuthorization(FuzzValues values) {
        this.values = values;
    }

    /**
     * @param bearer the caller's access token (null for the anonymous caller)
     * @param invalidTokens tokens that must be refused: another realm's, tampered, unsigned
     */
    void authorize(Caller caller, String bearer, List<String> invalidTokens, Map<String, String> headers, List<String> labels) {
        if (caller != Caller.ANONYMOUS) {
            headers.put("Authorization", "Bearer " + bearer);
            return;
        }
        switch (values.weighted(50, 10, 20, 5, 5, 5, 5)) {
            case 0 -> labels.add("token:none");
            case 1 -> {
                labels.add("token:junk");
                headers.put("Authorization", "Bearer " + values.alphanumeric(1, 80));
            }
            case 2 -> {
                labels.add("token:invalid");
                headers.put("Authorization", "Bearer " + values.oneOf(invalidTokens));
            }
            case 3 -> {
                labels.add("token:empty");
                headers.put("Authorization", "Bearer ");
            }
            case 4 -> {
                labels.add("token:basic");
                headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString("alice@example.com:alice-Passw0rd!"
                        .getBytes(StandardCharsets.UTF_8)));
            }
            case 5 -> {
                labels.add("token:jwt-shaped junk");
                headers.put("Authorization", "Bearer " + base64Url(values.unicode(1, 20)) + "." + base64Url("{\"sub\":\"x\"}")
                        + "." + values.alphanumeric(10, 40));
            }
            default -> {
                labels.add("token:scheme only");
                headers.put("Authorization", values.oneOf("Bearer", "bearer", "Token abc", "Bearer a b c"));
            }
        }
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
