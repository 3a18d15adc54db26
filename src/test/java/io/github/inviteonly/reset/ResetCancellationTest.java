package io.github.inviteonly.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** When the owner's cancel link may cancel, and what its page may say otherwise. */
class ResetCancellationTest {

    @Test
    void aPendingOrApprovedRequestCanBeCancelled() {
        assertEquals(ResetCancellation.Stage.OPEN, ResetCancellation.stage(PasswordResetStatus.PENDING));
        assertEquals(ResetCancellation.Stage.OPEN, ResetCancellation.stage(PasswordResetStatus.APPROVED));
    }

    @Test
    void aCancelledRequestSaysSoSoThatASecondClickIsClear() {
        assertEquals(ResetCancellation.Stage.CANCELLED, ResetCancellation.stage(PasswordResetStatus.CANCELLED));
    }

    @Test
    void aRequestThatEndedOtherwiseOnlyMakesTheLinkInvalidWithoutSayingHow() {
        for (PasswordResetStatus ended : new PasswordResetStatus[] {PasswordResetStatus.REJECTED, PasswordResetStatus.COMPLETED,
                PasswordResetStatus.EXPIRED}) {
            assertEquals(ResetCancellation.Stage.NO_LONGER_VALID, ResetCancellation.stage(ended), ended.name());
        }
    }
}
