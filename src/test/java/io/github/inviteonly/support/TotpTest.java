package io.github.inviteonly.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The helper computes what Keycloak's own TOTP computes for the same secret and moment. */
class TotpTest {

    @Test
    void theCodeIsKeycloaksForTheSameSecret() {
        String secret = Totp.newSecret();
        org.keycloak.models.utils.TimeBasedOTP keycloak = new org.keycloak.models.utils.TimeBasedOTP("HmacSHA1", 6, 30, 1);
        String before = Totp.code(secret, 0);
        String theirs = keycloak.generateTOTP(secret);
        String after = Totp.code(secret, 0);
        // The period may turn between the calls: Keycloak's code is ours of the moment before or after.
        assertTrue(theirs.equals(before) || theirs.equals(after), theirs + " vs " + before + "/" + after);
    }
}
