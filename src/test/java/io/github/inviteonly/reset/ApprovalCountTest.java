package io.github.inviteonly.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import io.github.inviteonly.http.ApiException;
import org.junit.jupiter.api.Test;

class ApprovalCountTest {

    @Test
    void aPrivilegedAccountNeedsTwoApproversAnyOtherOne() {
        assertEquals(2, ApprovalCount.required(true));
        assertEquals(1, ApprovalCount.required(false));
    }

    @Test
    void oneApprovalCompletesAnOrdinaryRequest() {
        assertEquals(ApprovalCount.Outcome.COMPLETE, ApprovalCount.judge(List.of(), 1, "hana"));
    }

    @Test
    void theFirstApprovalOfAPrivilegedRequestIsOnlyRecorded() {
        assertEquals(ApprovalCount.Outcome.RECORDED, ApprovalCount.judge(List.of(), 2, "hana"));
    }

    @Test
    void aSecondDifferentApproverCompletesAPrivilegedRequest() {
        assertEquals(ApprovalCount.Outcome.COMPLETE, ApprovalCount.judge(List.of("hana"), 2, "hugo"));
    }

    @Test
    void theSameApproverTwiceIsRefusedAndCountsOnce() {
        ApiException refused = assertThrows(ApiException.class, () -> ApprovalCount.judge(List.of("hana"), 2, "hana"));
        assertEquals(409, refused.getResponse().getStatus());
        assertEquals("already_approved", refused.body().error());
        assertEquals(ApprovalCount.ALREADY_APPROVED_WHY, refused.body().description());
    }

    @Test
    void theRecordedMessageSaysNothingWasSent() {
        assertEquals("Recorded approval 1 of 2; a second approver must approve before the email is sent", ApprovalCount.recorded(1, 2));
    }
}
