package io.github.inviteonly.docs;

import java.util.List;

import io.github.inviteonly.docs.FuzzRequests.Pools;
import io.github.inviteonly.docs.ServedDocument.Operation;

/**
 * Values for the fields the server looks at, whether they travel in the query or in a body: email
 * addresses, tokens, passwords, and text that is odd anywhere. Shared by {@link FuzzUrls} and the body
 * classes because an address or token must be fresh across all requests, not per place it is sent.
 */
final class FuzzFieldValues {

    /** Text that is odd in URLs, names, logs and databases. */
    static final List<String> ODD_TEXT = List.of("\u0000", "\u202Eevil", "\uFEFFbom", "😀🙈", "Zoë Ærø", "李小龍",
            "a\u0301\u0301\u0301", "\r\nX-Injected: 1", "' OR '1'='1", "<script>alert(1)</script>", "${jndi:ldap://x}",
            "../../etc/passwd", "null", "undefined", "true", "-1", "0", " ", "\t", "%", "{x}", "\uD83D", "x".repeat(256));

    private final FuzzValues values;
    private final Pools pools;
    /** Numbers the fresh addresses, so that two of them never collide within a run. */
    private int serial;

    FuzzFieldValues(FuzzValues values, Pools pools) {
        this.values = values;
        this.pools = pools;
    }

    /** Mostly a fresh address, else one of a known person, a random one, or a malformed one. */
    String email() {
        return switch (values.weighted(55, 30, 10, 5)) {
            case 0 -> "fuzz-" + (++serial) + "-" + values.alphanumeric(4, 8).toLowerCase() + "@example.org";
            case 1 -> pools.knownEmails.isEmpty() ? values.email() : values.oneOf(pools.knownEmails);
            case 2 -> values.email();
            default -> values.oneOf("not-an-address", "a@b", "ü@example.org", "x@例え.jp", "@example.org", "a b@example.org");
        };
    }

    /**
     * A token of the operation's kind (reset link, cancel link or invitation): one the server issued, a well-formed
     * unknown one, or junk.
     */
    String token(Operation operation) {
        List<String> real = operation.path().endsWith("/password-resets/cancel") ? pools.cancelTokens
                : operation.path().contains("/password-resets") ? pools.resetTokens : pools.invitationTokens;
        return switch (values.weighted(45, 35, 20)) {
            case 0 -> real.isEmpty() ? values.alphanumeric(43, 43) : values.oneOf(real);
            case 1 -> values.alphanumeric(43, 43); // well-formed, unknown
            default -> values.oneOf(values.alphanumeric(1, 42), "%7Bx%7D", "{x}", values.unicode(1, 43), "a".repeat(300));
        };
    }

    /** Mostly one the password policy takes, else one too short for it. */
    String password() {
        return values.chance(0.75) ? "Fz-" + values.alphanumeric(8, 16) + "9!a" : values.alphanumeric(1, 6);
    }
}
