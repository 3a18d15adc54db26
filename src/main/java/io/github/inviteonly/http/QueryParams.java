package io.github.inviteonly.http;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Query parameters of our list endpoints ({@code first}, {@code max}, {@code status}), checked the same way everywhere. */
public final class QueryParams {

    public static final int DEFAULT_MAX = 100;
    public static final int MAX_MAX = 1000;

    private QueryParams() {
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

    /** An enum constant named case-insensitively, or null when absent; a 400 naming the field and the choices otherwise. */
    public static <E extends Enum<E>> E oneOf(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
