package io.github.inviteonly.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.inviteonly.reset.ResetThrottle.Window;
import org.junit.jupiter.api.Test;

class ResetThrottleTest {

    private static final long HOUR = 3600;

    @Test
    void windowsAreAlignedToMultiplesOfTheirLength() {
        Window window = Window.at(2 * HOUR * 1000 + 5, HOUR);

        assertEquals(2, window.index());
        assertEquals(3 * HOUR * 1000, window.endsAt());
        assertEquals(window, Window.at(3 * HOUR * 1000 - 1, HOUR), "the last millisecond is still in it");
        assertEquals(3, Window.at(3 * HOUR * 1000, HOUR).index(), "the next one starts on the hour");
    }

    @Test
    void eachRealmKindAddressAndWindowCountsApart() {
        Window window = Window.at(0, HOUR);
        String carol = ResetThrottle.key("demo", window, "login", "carol@example.org");

        assertEquals(carol, ResetThrottle.key("demo", window, "login", "carol@example.org"));
        assertNotEquals(carol, ResetThrottle.key("other", window, "login", "carol@example.org"));
        assertNotEquals(carol, ResetThrottle.key("demo", window, "ip", "carol@example.org"));
        assertNotEquals(carol, ResetThrottle.key("demo", Window.at(HOUR * 1000, HOUR), "login", "carol@example.org"));
        assertNotEquals(carol, ResetThrottle.key("demo", window, "login", "sam@example.org"));
    }

    @Test
    void theKeyHoldsNoAddress() {
        String key = ResetThrottle.key("demo", Window.at(0, HOUR), "login", "carol@example.org");

        assertFalse(key.contains("carol"), key);
        assertEquals(64, key.length(), "a SHA-256 hash in hex: the width of the ID column");
    }

    @Test
    void theAsksUpToTheLimitAreAllowedAndEveryOneAfterIsRefused() {
        assertTrue(ResetThrottle.allows(1, 3));
        assertTrue(ResetThrottle.allows(3, 3), "the third of three");
        assertFalse(ResetThrottle.allows(4, 3));
        assertFalse(ResetThrottle.allows(1000, 3), "refused asks are counted too, and stay refused");
    }

    @Test
    void aLimitOfZeroRefusesEveryAsk() {
        assertFalse(ResetThrottle.allows(1, 0));
    }
}
