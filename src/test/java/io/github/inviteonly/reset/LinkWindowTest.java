package io.github.inviteonly.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When an approved link works: the realm's cooling-off, then its lifetime from then. */
class LinkWindowTest {

    private static final long APPROVED_AT = 1_000_000;

    @Test
    void withoutACoolingOffTheLinkWorksAtOnceForItsLifetime() {
        long from = LinkWindow.validFrom(null, APPROVED_AT, 0);
        assertEquals(APPROVED_AT, from);
        assertEquals(APPROVED_AT + 1_200_000, LinkWindow.expiresAt(from, APPROVED_AT, 1200));
        assertFalse(LinkWindow.notYet(from, APPROVED_AT));
    }

    @Test
    void aCoolingOffDelaysTheStartAndTheLifetimeCountsFromThere() {
        long from = LinkWindow.validFrom(null, APPROVED_AT, 3600);
        assertEquals(APPROVED_AT + 3_600_000, from);
        assertEquals(from + 1_200_000, LinkWindow.expiresAt(from, APPROVED_AT, 1200));
        assertTrue(LinkWindow.notYet(from, APPROVED_AT));
        assertTrue(LinkWindow.notYet(from, from - 1));
        assertFalse(LinkWindow.notYet(from, from), "it works from the very millisecond it names");
    }

    @Test
    void aLinkSentAgainKeepsItsStartAndNeverShortensTheCoolingOff() {
        long from = APPROVED_AT + 3_600_000;
        long resentAt = APPROVED_AT + 60_000;
        assertEquals(from, LinkWindow.validFrom(from, resentAt, 7200), "the start stays, even if the realm's setting changed");
        assertEquals(from + 1_200_000, LinkWindow.expiresAt(from, resentAt, 1200));
    }

    @Test
    void aLinkSentAgainAfterItsStartWorksForItsLifetimeFromNow() {
        long resentAt = APPROVED_AT + 5_000_000;
        assertEquals(resentAt + 1_200_000, LinkWindow.expiresAt(APPROVED_AT, resentAt, 1200));
    }

    @Test
    void rowsFromBeforeTheCoolingOffHaveNoStartAndWork() {
        assertFalse(LinkWindow.notYet(null, APPROVED_AT));
    }
}
