package io.github.inviteonly.reset;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When an approver may be emailed about new requests. */
class DigestRuleTest {

    private static final long NOW = 1_800_000_000_000L;

    @Test
    void anApproverNeverEmailedIsEmailedAtOnce() {
        assertTrue(DigestRule.due(0, NOW, 300));
    }

    @Test
    void withinTheIntervalOfTheLastEmailNothingIsSent() {
        assertFalse(DigestRule.due(NOW - 1_000, NOW, 300));
        assertFalse(DigestRule.due(NOW - 299_999, NOW, 300));
    }

    @Test
    void onceTheIntervalHasPassedTheNextEmailIsDue() {
        assertTrue(DigestRule.due(NOW - 300_000, NOW, 300));
        assertTrue(DigestRule.due(NOW - 3_600_000, NOW, 300));
    }

    @Test
    void anIntervalOfZeroSendsEveryRequestAtOnce() {
        assertTrue(DigestRule.due(NOW, NOW, 0));
    }
}
