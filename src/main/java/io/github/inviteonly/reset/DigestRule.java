package io.github.inviteonly.reset;

/** Whether an approver may be emailed about new requests now: at most once per interval (0: at once, every time). */
final class DigestRule {

    private DigestRule() {
    }

    /**
     * @param lastSentAt      when the approver was last emailed, epoch ms; 0 for never
     * @param intervalSeconds the realm's digest interval
     */
    static boolean due(long lastSentAt, long now, long intervalSeconds) {
        return lastSentAt <= 0 || now >= lastSentAt + intervalSeconds * 1000;
    }
}
