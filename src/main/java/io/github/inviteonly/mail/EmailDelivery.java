package io.github.inviteonly.mail;

/**
 * Whether an email with a link went out. PENDING: the link is committed and its email not yet handed to
 * the mail server (or the node stopped before it was: re-send it). NOT_REQUESTED: created with
 * sendEmail false.
 */
public enum EmailDelivery {
    NOT_REQUESTED, PENDING, SENT, FAILED
}
