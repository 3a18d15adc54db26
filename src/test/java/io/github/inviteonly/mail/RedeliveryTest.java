package io.github.inviteonly.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** When an email left PENDING is due again, and how long its new link works. */
class RedeliveryTest {

    @Test
    void anEmailPendingLongerThanTheSettingIsDue() {
        long now = 1_000_000_000L;
        assertEquals(now - 300_000, Redelivery.dueBefore(now, 300));
    }

    @Test
    void theNewLinkWorksAsLongFromNowAsTheFirstDidFromItsPosting() {
        long posted = 1_000_000L;
        long expires = posted + 7 * 24 * 3600_000L;
        long now = posted + 10 * 60_000L;
        assertEquals(now + 7 * 24 * 3600_000L, Redelivery.renewedExpiry(expires, posted, now));
    }

    @Test
    void aLinkThatHadRunOutWhenPostedStaysRunOut() {
        assertEquals(5_000L, Redelivery.renewedExpiry(1_000L, 2_000L, 5_000L));
    }
}
