package io.github.inviteonly.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code application/x-www-form-urlencoded} body, read by us rather than by the JAX-RS form reader,
 * which answers a malformed escape ({@code %ZZ}) with a 500 before our method runs.
 */
public final class FormFields {

    private FormFields() {
    }

    /** The first value of each field; empty when the body is not a well-formed form. */
    public static Optional<Map<String, String>> parse(String body) {
        Map<String, String> fields = new HashMap<>();
        if (body == null || body.isEmpty()) {
            return Optional.of(fields);
        }
        try {
            for (String pair : body.split("&")) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                fields.putIfAbsent(name, value);
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(fields);
    }
}
