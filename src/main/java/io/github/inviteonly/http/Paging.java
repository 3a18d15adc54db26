package io.github.inviteonly.http;

/** The {@code first} and {@code max} query parameters of our list endpoints, checked the same way everywhere. */
public final class Paging {

    public static final int DEFAULT_MAX = 100;
    public static final int MAX_MAX = 1000;

    private Paging() {
    }

    public static int first(Integer first) {
        if (first == null) {
            return 0;
        }
        if (first < 0) {
            throw ApiException.badRequest("first", "must not be negative");
        }
        return first;
    }

    public static int max(Integer max) {
        if (max == null) {
            return DEFAULT_MAX;
        }
        if (max < 1 || max > MAX_MAX) {
            throw ApiException.badRequest("max", "must be between 1 and " + MAX_MAX);
        }
        return max;
    }
}
