package io.github.inviteonly.invitation;

/** Whether the invitation email went out: NOT_REQUESTED when created with sendEmail false. */
public enum EmailDelivery {
    NOT_REQUESTED, SENT, FAILED
}
