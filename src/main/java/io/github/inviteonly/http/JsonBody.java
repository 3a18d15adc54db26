package io.github.inviteonly.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request body read strictly, so that every problem is a 400 naming the field: not JSON, not an
 * object, an unknown field, a wrong type, a missing or oversized value. Resources take the body as a
 * String and read it through this, instead of leaving type errors to generic handlers.
 */
public final class JsonBody {

    /** Bodies larger than this are refused before parsing. */
    public static final int MAX_BODY_CHARS = 1_000_000;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final ObjectNode node;
    private final String prefix;

    private JsonBody(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** Parses a JSON object whose fields must all be among {@code allowed}. */
    public static JsonBody parse(String body, Set<String> allowed) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest(null, "A JSON object is required as the request body");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw ApiException.badRequest(null, "The request body is too large");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest(null, "The request body is not valid JSON");
        }
        return of(node, null, "", allowed);
    }

    /** Reads {@code node} (an element of a larger body, named {@code field}) as an object. */
    public static JsonBody of(JsonNode node, String field, String prefix, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest(field, "must be a JSON object");
        }
        JsonBody body = new JsonBody((ObjectNode) node, prefix);
        body.rejectUnknown(allowed);
        return body;
    }

    private void rejectUnknown(Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.badRequest(name(name), "is not a known field");
            }
        }
    }

    /** The full name of a field for error messages, e.g. {@code invitations[3].email}. */
    public String name(String field) {
        return prefix + field;
    }

    private JsonNode value(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    /** A string, trimmed; null when absent or blank. */
    public String optionalText(String field, int maxLength) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(name(field), "must be a string");
        }
        String text = value.asText().trim();
        rejectNul(field, text);
        if (text.length() > maxLength) {
            throw ApiException.badRequest(name(field), "must be at most " + maxLength + " characters");
        }
        return text.isEmpty() ? null : text;
    }

    public String requiredText(String field, int maxLength) {
        String text = optionalText(field, maxLength);
        if (text == null) {
            throw ApiException.badRequest(name(field), "is required");
        }
        return text;
    }

    /** A string taken exactly as sent (passwords: no trimming), required and non-empty. */
    public String requiredSecret(String field, int maxLength) {
        JsonNode value = value(field);
        if (value == null) {
            throw ApiException.badRequest(name(field), "is required");
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(name(field), "must be a string");
        }
        String text = value.asText();
        rejectNul(field, text);
        if (text.isEmpty()) {
            throw ApiException.badRequest(name(field), "is required");
        }
        if (text.length() > maxLength) {
            throw ApiException.badRequest(name(field), "must be at most " + maxLength + " characters");
        }
        return text;
    }

    /** No database takes a NUL character in text (PostgreSQL refuses it), and no person types one. */
    private void rejectNul(String field, String text) {
        if (text.indexOf('\u0000') >= 0) {
            throw ApiException.badRequest(name(field), "must not contain the NUL character");
        }
    }

    public Long optionalLong(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiException.badRequest(name(field), "must be a whole number");
        }
        return value.asLong();
    }

    public boolean optionalBoolean(String field, boolean defaultValue) {
        JsonNode value = value(field);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            throw ApiException.badRequest(name(field), "must be true or false");
        }
        return value.asBoolean();
    }

    /** An array of distinct non-blank strings; empty when absent. */
    public List<String> stringList(String field, int maxItems, int maxItemLength) {
        JsonNode value = value(field);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw ApiException.badRequest(name(field), "must be an array of strings");
        }
        if (value.size() > maxItems) {
            throw ApiException.badRequest(name(field), "must have at most " + maxItems + " entries");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw ApiException.badRequest(name(field), "must contain only non-empty strings");
            }
            String text = item.asText().trim();
            rejectNul(field, text);
            if (text.length() > maxItemLength) {
                throw ApiException.badRequest(name(field), "entries must be at most " + maxItemLength + " characters");
            }
            if (!items.contains(text)) {
                items.add(text);
            }
        }
        return items;
    }

    /** An object whose values are strings or arrays of strings (user-profile attributes). */
    public Map<String, List<String>> stringListMap(String field, int maxEntries, int maxValueLength) {
        JsonNode value = value(field);
        if (value == null) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw ApiException.badRequest(name(field), "must be an object");
        }
        if (value.size() > maxEntries) {
            throw ApiException.badRequest(name(field), "must have at most " + maxEntries + " entries");
        }
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String key = name(field) + "." + entry.getKey();
            List<String> values = new ArrayList<>();
            JsonNode raw = entry.getValue();
            if (raw.isTextual()) {
                values.add(raw.asText());
            } else if (raw.isArray()) {
                raw.forEach(v -> {
                    if (!v.isTextual()) {
                        throw ApiException.badRequest(key, "must be a string or an array of strings");
                    }
                    values.add(v.asText());
                });
            } else {
                throw ApiException.badRequest(key, "must be a string or an array of strings");
            }
            values.forEach(v -> rejectNul(field + "." + entry.getKey(), v));
            if (values.stream().anyMatch(v -> v.length() > maxValueLength)) {
                throw ApiException.badRequest(key, "values must be at most " + maxValueLength + " characters");
            }
            map.put(entry.getKey(), values);
        }
        return map;
    }

    /** The elements of a required array field. */
    public List<JsonNode> requiredArray(String field, int maxItems) {
        JsonNode value = value(field);
        if (value == null || !value.isArray()) {
            throw ApiException.badRequest(name(field), "must be an array");
        }
        if (value.isEmpty()) {
            throw ApiException.badRequest(name(field), "must not be empty");
        }
        if (value.size() > maxItems) {
            throw ApiException.badRequest(name(field), "must have at most " + maxItems + " entries");
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }
}
