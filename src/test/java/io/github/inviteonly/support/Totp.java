package io.github.inviteonly.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time codes (RFC 6238) as an authenticator app computes them, for Keycloak's default OTP
 * policy (HmacSHA1, 6 digits, 30 seconds; the secret's bytes as Keycloak stores them, not Base32).
 */
public final class Totp {

    private static final int PERIOD_SECONDS = 30;

    private Totp() {
    }

    /** A secret of 20 characters, as Keycloak's own OTP setup makes. */
    public static String newSecret() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    /** The code of the period {@code periodsAhead} after the current one (Keycloak accepts one period either side). */
    public static String code(String secret, int periodsAhead) {
        long counter = System.currentTimeMillis() / 1000 / PERIOD_SECONDS + periodsAhead;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
            int offset = hash[hash.length - 1] & 0xf;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
