package io.github.inviteonly.reset;

import java.util.Collection;

import io.github.inviteonly.http.ApiException;

/**
 * How many approvals a request needs and what one more does, over plain values, for every door (our API,
 * the manage page through it, Keycloak's console): a privileged account's request needs two different
 * approvers, any other one. Who may approve at all, and never one's own request, is {@link DecisionRule}'s.
 */
final class ApprovalCount {

    /** What an approval does to a pending request. */
    enum Outcome {
        /** Counted; the request waits for another approver, and nothing is sent yet. */
        RECORDED,
        /** The last one needed: the request is approved and the link goes out. */
        COMPLETE
    }

    static final String ALREADY_APPROVED = "already_approved";
    static final String ALREADY_APPROVED_WHY = "You have already approved this request; a different approver must approve it";

    private ApprovalCount() {
    }

    static int required(boolean privileged) {
        return privileged ? 2 : 1;
    }

    /**
     * @param approvedBy the ids of those who approved so far
     * @throws ApiException 409 {@code already_approved} when the caller is among them: one person counts once
     */
    static Outcome judge(Collection<String> approvedBy, int required, String callerId) {
        if (callerId != null && approvedBy.contains(callerId)) {
            throw ApiException.conflict(ALREADY_APPROVED, ALREADY_APPROVED_WHY, null);
        }
        return approvedBy.size() + 1 >= required ? Outcome.COMPLETE : Outcome.RECORDED;
    }

    /** What the approver who was not the last one is told, e.g. in the console's dialog; nothing was emailed. */
    static String recorded(int approvals, int required) {
        return "Recorded approval " + approvals + " of " + required + "; a second approver must approve before the email is sent";
    }
}
