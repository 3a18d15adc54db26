package io.github.inviteonly.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SecretTokenTest {

    @Test
    void tokensCarry256BitsInUrlSafeText() {
        String token = SecretToken.generate();

        assertEquals(43, token.length());
        assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
    }

    @Test
    void tokensDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(SecretToken.generate()));
        }
    }

    @Test
    void theStoredHashIsSha256HexAndNeverTheTokenItself() {
        String token = SecretToken.generate();

        String hash = SecretToken.hash(token);

        assertEquals(64, hash.length());
        assertEquals(hash, SecretToken.hash(token));
        assertNotEquals(hash, SecretToken.hash(SecretToken.generate()));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", SecretToken.hash("abc"));
    }
}
