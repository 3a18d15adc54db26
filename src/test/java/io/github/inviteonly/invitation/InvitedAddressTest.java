package io.github.inviteonly.invitation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InvitedAddressTest {

    @Test
    void theInvitedAddressMatchesInAnySpelling() {
        assertTrue(InvitedAddress.matches("mallory@example.com", "mallory@example.com"));
        assertTrue(InvitedAddress.matches("mallory@example.com", " Mallory@Example.COM "));
    }

    @Test
    void anotherAddressDoesNotMatch() {
        assertFalse(InvitedAddress.matches("mallory@example.com", "ceo@example.com"));
        assertFalse(InvitedAddress.matches("mallory@example.com", "mallory@example.com.evil"));
    }

    @Test
    void noAddressIsMissingAndMatchesNothing() {
        assertTrue(InvitedAddress.isMissing(null));
        assertTrue(InvitedAddress.isMissing(" "));
        assertFalse(InvitedAddress.isMissing("mallory@example.com"));
        assertFalse(InvitedAddress.matches("mallory@example.com", null));
        assertFalse(InvitedAddress.matches("mallory@example.com", ""));
    }
}
