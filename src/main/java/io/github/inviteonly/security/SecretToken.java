package io.github.inviteonly.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Bearer secrets we hand out (invitation and reset tokens): 256 random bits, URL-safe. Only their
 * SHA-256 is stored; with 256 bits of entropy a plain hash cannot be brute-forced, and an exact-match
 * lookup by hash keeps the database index usable.
 */
public final class SecretToken {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 32;
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]+");

    private SecretToken() {
    }

    public static String generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether a token could be one of ours: URL-safe characters only, of a sane length. */
    public static boolean isWellFormed(String token) {
        return token != null && !token.isEmpty() && token.length() <= 256 && WELL_FORMED.matcher(token).matches();
    }

    /** Lower-case hex SHA-256 of the token, 64 characters. */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
