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

    /** The offset: absent is 0; anything but a whole number from 0 is a 400 naming {@code first}. */
    public static int first(String first) {
        return whole("first", first, 0, 0, Integer.MAX_VALUE, "a whole number, 0 or more");
    }

    /** The page size: absent is {@value #DEFAULT_MAX}; anything but 1 to {@value #MAX_MAX} is a 400 naming {@code max}. */
    public static int max(String max) {
        return whole("max", max, DEFAULT_MAX, 1, MAX_MAX, "a whole number between 1 and " + MAX_MAX);
    }

    private static int whole(String field, String value, int absent, int min, int max, String expected) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= min && parsed <= max) {
                return (int) parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, like a number out of range
        }
        throw ApiException.badRequest(field, "must be " + expected);
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
