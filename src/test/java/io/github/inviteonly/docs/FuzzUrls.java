package io.github.inviteonly.docs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.docs.FuzzRequests.Pools;
import io.github.inviteonly.docs.ServedDocument.Operation;
import io.github.inviteonly.docs.ServedDocument.Parameter;

/**
 * The path and query of a generated request: path parameters (real ids, unknown ids, junk) and query
 * parameters (valid, out of range, wrong type, huge numbers, odd Unicode, already-encoded text such as
 * {@code %7Bx%7D}, repeated, unknown), encoded as a client would unless the value is encoded already.
 */
final class FuzzUrls {

    /** A value for the URL, already percent-encoded where {@code raw} is true. */
    private record Value(String text, boolean raw, String label) {
    }

    private static final List<String> STATUSES = List.of("PENDING", "ACCEPTED", "REVOKED", "EXPIRED", "APPROVED", "REJECTED",
            "COMPLETED", "pending", "Approved");
    private static final List<String> DOCS_FILES = List.of("swagger-ui-bundle.js", "swagger-ui.css", "oauth2-redirect.html",
            "oauth2-redirect.js", "favicon-32x32.png", "invite-only-swagger.js", "index.html");
    private static final List<String> REDOC_FILES = List.of("redoc.standalone.js", "index.html", "openapi.json");
    /** Already percent-encoded text, sent as is. */
    private static final List<String> ENCODED = List.of("%7Bx%7D", "%7B%7D", "%25", "%00", "%2e%2e", "..%2Fopenapi.json",
            "%2F", "%E0%A4", "%C0%AF", "%FF", "%20", "a%2Fb", "%0D%0AX-Injected:%201");
    private static final List<String> HUGE_NUMBERS = List.of("2147483648", "-2147483649", "9223372036854775808",
            "99999999999999999999", "-9223372036854775809", "1" + "0".repeat(400), "1e309", "NaN", "Infinity", "0x7fffffff");

    private final ServedDocument document;
    private final FuzzValues values;
    private final FuzzFieldValues fields;
    private final Pools pools;
    private final String realm;

    FuzzUrls(ServedDocument document, FuzzValues values, FuzzFieldValues fields, Pools pools, String realm) {
        this.document = document;
        this.values = values;
        this.fields = fields;
        this.pools = pools;
        this.realm = realm;
    }

    /** The operation's path with its parameters filled in, and a query if one was generated; labels say what was sent. */
    String pathAndQuery(Operation operation, List<String> labels) {
        String path = operation.path();
        for (Parameter parameter : operation.in("path")) {
            Value value = pathValue(operation, parameter);
            labels.add("path " + parameter.name() + ":" + value.label());
            path = path.replace("{" + parameter.name() + "}", value.raw() ? value.text() : encodePath(value.text()));
        }
        StringBuilder query = new StringBuilder();
        for (Parameter parameter : operation.in("query")) {
            if (!values.chance(parameter.required() ? 0.9 : 0.6)) {
                continue;
            }
            Value value = queryValue(operation, parameter);
            labels.add("query " + parameter.name() + ":" + value.label());
            appendQuery(query, parameter.name(), value);
            if (values.chance(0.05)) {
                labels.add("query " + parameter.name() + ":repeated");
                appendQuery(query, parameter.name(), queryValue(operation, parameter));
            }
        }
        if (values.chance(0.05)) {
            labels.add("query:unknown");
            appendQuery(query, values.alphanumeric(1, 12), new Value(values.alphanumeric(0, 12), false, "unknown"));
        }
        return path + (query.isEmpty() ? "" : "?" + query);
    }

    private Value pathValue(Operation operation, Parameter parameter) {
        String name = parameter.name();
        if (name.equals(OpenApiDefinition.REALM_PARAMETER)) {
            return switch (values.weighted(94, 3, 3)) {
                case 0 -> new Value(realm, false, "real");
                case 1 -> new Value("master", false, "other realm");
                default -> new Value("no-such-" + values.alphanumeric(3, 8), false, "unknown realm");
            };
        }
        List<String> real = name.equals("file")
                ? (operation.path().contains("/redoc/") ? REDOC_FILES : DOCS_FILES)
                : operation.path().contains("/password-resets/") ? pools.resetIds : pools.invitationIds;
        return switch (values.weighted(50, 20, 30)) {
            case 0 -> real.isEmpty() ? new Value(values.uuid(), false, "unknown") : new Value(values.oneOf(real), false, "real");
            case 1 -> new Value(name.equals("file") ? values.alphanumeric(1, 20) + ".js" : values.uuid(), false, "unknown");
            default -> junk();
        };
    }

    private Value queryValue(Operation operation, Parameter parameter) {
        JsonNode schema = document.resolve(parameter.schema());
        boolean integer = schema.path("type").asText().equals("integer");
        return switch (values.weighted(45, 10, 10, 8, 10, 7, 10)) {
            case 0 -> new Value(validQuery(operation, parameter.name(), schema), false, "valid");
            case 1 -> integer && (schema.has("minimum") || schema.has("maximum"))
                    ? new Value(String.valueOf(schema.has("maximum") && values.bool() ? schema.get("maximum").asLong() + 1
                            : schema.path("minimum").asLong() - 1), false, "out of range")
                    : new Value(values.alphanumeric(256, 600), false, "too long");
            case 2 -> new Value(integer ? values.oneOf("abc", "1.5", "true", "1e3", " 7 ", "+", "--1", "[]")
                    : values.oneOf("[]", "{}", "1.5", "null"), false, "wrong type");
            case 3 -> new Value(values.oneOf(HUGE_NUMBERS), false, "huge number");
            case 4 -> values.bool() ? new Value(values.unicode(1, 20), false, "unicode")
                    : new Value(values.oneOf(FuzzFieldValues.ODD_TEXT), false, "odd text");
            case 5 -> new Value(values.oneOf(ENCODED), true, "encoded");
            default -> new Value("", false, "empty");
        };
    }

    private String validQuery(Operation operation, String name, JsonNode schema) {
        return switch (name) {
            case "status" -> values.oneOf(STATUSES);
            case "first" -> String.valueOf(values.intIn(0, 50));
            case "max" -> String.valueOf(values.intIn(schema.path("minimum").asInt(1), schema.path("maximum").asInt(1000)));
            case "email" -> fields.email();
            case "token" -> fields.token(operation);
            case "state" -> pools.invitationIds.isEmpty() || values.bool() ? values.uuid() : values.oneOf(pools.invitationIds);
            default -> values.alphanumeric(1, 12);
        };
    }

    private Value junk() {
        return switch (values.weighted(3, 3, 2, 1, 1)) {
            case 0 -> new Value(values.unicode(1, 12), false, "unicode");
            case 1 -> new Value(values.oneOf(ENCODED), true, "encoded");
            case 2 -> new Value(values.oneOf(FuzzFieldValues.ODD_TEXT), false, "odd text");
            case 3 -> new Value(values.alphanumeric(300, 1500), false, "long");
            default -> new Value(values.oneOf(HUGE_NUMBERS), false, "huge number");
        };
    }

    private static void appendQuery(StringBuilder query, String name, Value value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(value.raw() ? value.text() : URLEncoder.encode(value.text(), StandardCharsets.UTF_8));
    }

    /** Percent-encodes everything but RFC 3986's unreserved characters. */
    static String encodePath(String segment) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }
}
