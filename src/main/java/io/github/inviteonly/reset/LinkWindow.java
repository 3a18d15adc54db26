package io.github.inviteonly.reset;

/**
 * When an approved link works: from its approval plus the realm's cooling-off
 * ({@code inviteOnly.passwordReset.coolingOffSeconds}), for its lifetime counted from then. Plain values, so
 * that approval, re-sending and completion agree. Times are epoch milliseconds.
 */
final class LinkWindow {

    private LinkWindow() {
    }

    /** From when a link works: the request's earlier start when it has one (a re-sent link keeps it), else now plus the cooling-off. */
    static long validFrom(Long earlier, long now, long coolingOffSeconds) {
        return earlier != null ? earlier : now + coolingOffSeconds * 1000;
    }

    /** Until when a link works: its lifetime from its start, or from now when the start has passed (a link sent again). */
    static long expiresAt(long validFrom, long now, long lifetimeSeconds) {
        return Math.max(validFrom, now) + lifetimeSeconds * 1000;
    }

    /** Whether a link cannot be used yet (rows older than the column have no start: they work). */
    static boolean notYet(Long validFrom, long now) {
        return validFrom != null && now < validFrom;
    }
}
