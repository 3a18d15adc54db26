package io.github.inviteonly.cluster;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for something another thread or node does: polls until it is there, or fails naming it. */
final class Eventually {

    static final Duration DEFAULT = Duration.ofSeconds(Long.getLong("cluster.waitSeconds", 60));

    private Eventually() {
    }

    /** The first non-null value within {@link #DEFAULT}. */
    static <T> T get(String what, Supplier<T> probe) {
        return get(what, DEFAULT, probe);
    }

    static <T> T get(String what, Duration timeout, Supplier<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + timeout.toSeconds() + " s: " + what);
            }
            pause(100);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
