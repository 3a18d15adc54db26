package io.github.inviteonly.support;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for what the server does after it has answered (emails, background work), with one deadline for all tests. */
public final class Eventually {

    private static final Duration DEADLINE = Duration.ofSeconds(Long.getLong("test.eventuallySeconds", 30));

    private Eventually() {
    }

    /** Reads {@code probe} until its value passes {@code done}; fails naming {@code what} and the last value. */
    public static <T> T until(String what, Supplier<T> probe, Predicate<? super T> done) {
        return until(what, DEADLINE, probe, done);
    }

    /** The same with a deadline of its own (a cluster, a restarted node). */
    public static <T> T until(String what, Duration deadlineAfter, Supplier<T> probe, Predicate<? super T> done) {
        long deadline = System.nanoTime() + deadlineAfter.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + deadlineAfter.toSeconds() + " s: " + what + "; last seen: " + last);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = probe.get();
        }
        return last;
    }

    /** The first value that is not null. */
    public static <T> T value(String what, Duration deadlineAfter, Supplier<T> probe) {
        return until(what, deadlineAfter, probe, Objects::nonNull);
    }
}
