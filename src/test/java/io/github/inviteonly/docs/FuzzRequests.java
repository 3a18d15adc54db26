package io.github.inviteonly.docs;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.inviteonly.docs.ServedDocument.Operation;
import io.github.inviteonly.docs.ServedDocument.Parameter;

/**
 * Generates requests for the operations of the served document: path parameters (real ids, unknown ids,
 * junk), query parameters (valid, out of range, wrong type, huge numbers, odd Unicode, already-encoded
 * text such as {@code %7Bx%7D}), bodies (valid for the schema, a field missing, wrong types, extra fields,
 * huge strings, not JSON, wrong content types) and, for the anonymous caller, absent or invalid tokens.
 * Each request carries labels saying what was done to it.
 */
final class FuzzRequests {

    enum Caller { ANONYMOUS, ADMIN, DIRECTOR }

    /** A generated request, ready to send. */
    record Request(Operation operation, Caller caller, String method, URI uri, Map<String, String> headers, String body,
                   List<String> labels) {

        String describe() {
            String shownBody = body == null ? "" : " body(" + body.length() + ")=" + excerpt(body, 300);
            Map<String, String> shownHeaders = new LinkedHashMap<>(headers);
            shownHeaders.computeIfPresent("Authorization", (k, v) -> v.length() > 40 ? v.substring(0, 40) + "…" : v);
            return method + " " + excerpt(uri.toString(), 400) + " as " + caller + " " + shownHeaders + shownBody + " " + labels;
        }
    }

    /** What the server handed out so far, so that requests can aim at things that exist. */
    static final class Pools {

        private static final int MAX = 300;

        final List<String> invitationIds = new ArrayList<>();
        final List<String> resetIds = new ArrayList<>();
        final List<String> invitationTokens = new ArrayList<>();
        final List<String> resetTokens = new ArrayList<>();
        final List<String> knownEmails = new ArrayList<>();

        /** Collects the ids of invitations and reset requests in an answer of the API. */
        void harvest(String path, JsonNode body) {
            List<String> target = path.contains("/invitations") ? invitationIds
                    : path.contains("/password-resets") ? resetIds : null;
            if (target != null && body != null) {
                collectIds(body, target);
            }
        }

        private static void collectIds(JsonNode node, List<String> target) {
            if (node.isObject() && node.has("id") && node.has("status") && node.get("id").isTextual()) {
                add(target, node.get("id").asText());
            }
            node.forEach(child -> collectIds(child, target));
        }

        static void add(List<String> pool, String value) {
            if (!pool.contains(value)) {
                if (pool.size() >= MAX) {
                    pool.remove(0);
                }
                pool.add(value);
            }
        }
    }

    /** A value for the URL, already percent-encoded where {@code raw} is true. */
    private record Value(String text, boolean raw, String label) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> REALM_ROLES = List.of("admin", "director", "marketing", "inventory", "accountant", "sales");
    private static final List<String> STATUSES = List.of("PENDING", "ACCEPTED", "REVOKED", "EXPIRED", "APPROVED", "REJECTED",
            "COMPLETED", "pending", "Approved");
    private static final List<String> DOCS_FILES = List.of("swagger-ui-bundle.js", "swagger-ui.css", "oauth2-redirect.html",
            "oauth2-redirect.js", "favicon-32x32.png", "invite-only-swagger.js", "index.html");
    private static final List<String> REDOC_FILES = List.of("redoc.standalone.js", "index.html", "openapi.json");
    /** Text that is odd in URLs, names, logs and databases. */
    private static final List<String> ODD_TEXT = List.of("\u0000", "\u202Eevil", "\uFEFFbom", "😀🙈", "Zoë Ærø", "李小龍",
            "a\u0301\u0301\u0301", "\r\nX-Injected: 1", "' OR '1'='1", "<script>alert(1)</script>", "${jndi:ldap://x}",
            "../../etc/passwd", "null", "undefined", "true", "-1", "0", " ", "\t", "%", "{x}", "\uD83D", "x".repeat(256));
    /** Already percent-encoded text, sent as is. */
    private static final List<String> ENCODED = List.of("%7Bx%7D", "%7B%7D", "%25", "%00", "%2e%2e", "..%2Fopenapi.json",
            "%2F", "%E0%A4", "%C0%AF", "%FF", "%20", "a%2Fb", "%0D%0AX-Injected:%201");
    private static final List<String> HUGE_NUMBERS = List.of("2147483648", "-2147483649", "9223372036854775808",
            "99999999999999999999", "-9223372036854775809", "1" + "0".repeat(400), "1e309", "NaN", "Infinity", "0x7fffffff");
    private static final List<String> WRONG_CONTENT_TYPES = List.of("text/plain", "application/xml", "application/octet-stream",
            "multipart/form-data; boundary=x", "text/html", "application/json-patch+json", "image/png", "*/*", "application/x-www-form-urlencoded");

    private final ServedDocument document;
    private final FuzzValues values;
    private final Pools pools;
    private final String server;
    private final String realm;
    private int serial;

    FuzzRequests(ServedDocument document, FuzzValues values, Pools pools, String server, String realm) {
        this.document = document;
        this.values = values;
        this.pools = pools;
        this.server = server;
        this.realm = realm;
    }

    /**
     * @param bearer the caller's access token (null for the anonymous caller)
     * @param invalidTokens tokens that must be refused: another realm's, tampered, unsigned
     */
    Request next(Operation operation, Caller caller, String bearer, List<String> invalidTokens) {
        List<String> labels = new ArrayList<>();
        Map<String, String> headers = new LinkedHashMap<>();
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
        String body = body(operation, headers, labels);
        authorize(caller, bearer, invalidTokens, headers, labels);
        if (values.chance(0.7)) {
            headers.put("X-Forwarded-For", values.ip4()); // spreads the per-IP limits of reset requests
        }
        URI uri = URI.create(server + path + (query.isEmpty() ? "" : "?" + query));
        return new Request(operation, caller, operation.method(), uri, headers, body, labels);
    }

    // ---------------------------------------------------------------- URL

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
            case 4 -> values.bool() ? new Value(values.unicode(1, 20), false, "unicode") : new Value(values.oneOf(ODD_TEXT), false, "odd text");
            case 5 -> new Value(values.oneOf(ENCODED), true, "encoded");
            default -> new Value("", false, "empty");
        };
    }

    private String validQuery(Operation operation, String name, JsonNode schema) {
        return switch (name) {
            case "status" -> values.oneOf(STATUSES);
            case "first" -> String.valueOf(values.intIn(0, 50));
            case "max" -> String.valueOf(values.intIn(schema.path("minimum").asInt(1), schema.path("maximum").asInt(1000)));
            case "email" -> email();
            case "token" -> token(operation);
            case "state" -> pools.invitationIds.isEmpty() || values.bool() ? values.uuid() : values.oneOf(pools.invitationIds);
            default -> values.alphanumeric(1, 12);
        };
    }

    private Value junk() {
        return switch (values.weighted(3, 3, 2, 1, 1)) {
            case 0 -> new Value(values.unicode(1, 12), false, "unicode");
            case 1 -> new Value(values.oneOf(ENCODED), true, "encoded");
            case 2 -> new Value(values.oneOf(ODD_TEXT), false, "odd text");
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

    // ---------------------------------------------------------------- tokens

    private void authorize(Caller caller, String bearer, List<String> invalidTokens, Map<String, String> headers, List<String> labels) {
        if (caller != Caller.ANONYMOUS) {
            headers.put("Authorization", "Bearer " + bearer);
            return;
        }
        switch (values.weighted(50, 10, 20, 5, 5, 5, 5)) {
            case 0 -> labels.add("token:none");
            case 1 -> {
                labels.add("token:junk");
                headers.put("Authorization", "Bearer " + values.alphanumeric(1, 80));
            }
            case 2 -> {
                labels.add("token:invalid");
                headers.put("Authorization", "Bearer " + values.oneOf(invalidTokens));
            }
            case 3 -> {
                labels.add("token:empty");
                headers.put("Authorization", "Bearer ");
            }
            case 4 -> {
                labels.add("token:basic");
                headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString("alice@example.com:alice-Passw0rd!"
                        .getBytes(StandardCharsets.UTF_8)));
            }
            case 5 -> {
                labels.add("token:jwt-shaped junk");
                headers.put("Authorization", "Bearer " + b64(values.unicode(1, 20)) + "." + b64("{\"sub\":\"x\"}") + "." + values.alphanumeric(10, 40));
            }
            default -> {
                labels.add("token:scheme only");
                headers.put("Authorization", values.oneOf("Bearer", "bearer", "Token abc", "Bearer a b c"));
            }
        }
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- bodies

    private String body(Operation operation, Map<String, String> headers, List<String> labels) {
        if (operation.bodies().isEmpty()) {
            if (operation.method().equals("POST") && values.chance(0.15)) {
                String type = values.oneOf("application/json", "text/plain", "application/xml");
                labels.add("body:unexpected " + type);
                headers.put("Content-Type", type);
                return values.oneOf("{}", "{\"reason\": \"x\"}", values.unicode(0, 40), "<a/>");
            }
            return null;
        }
        ServedDocument.Body declared = operation.bodies().get(0);
        return declared.mediaType().equals("application/x-www-form-urlencoded")
                ? formBody(operation, declared, headers, labels)
                : jsonBody(operation, declared, headers, labels);
    }

    private String jsonBody(Operation operation, ServedDocument.Body declared, Map<String, String> headers, List<String> labels) {
        headers.put("Content-Type", declared.mediaType());
        JsonNode schema = document.resolve(declared.schema());
        int kind = values.weighted(35, 8, 12, 7, 6, 10, 12, 5, 5);
        if (kind == 0) {
            labels.add("body:valid");
            return write(valid(operation, declared));
        }
        if (kind == 1) {
            ObjectNode body = validObject(operation, declared);
            List<String> required = required(schema);
            String field = required.isEmpty() ? anyField(body) : values.oneOf(required);
            labels.add("body:missing " + field);
            if (field != null) {
                body.remove(field);
            }
            return write(body);
        }
        if (kind == 2) {
            ObjectNode body = validObject(operation, declared);
            String field = values.bool() || body.isEmpty() ? values.oneOf(new ArrayList<>(properties(schema))) : anyField(body);
            JsonNode wrong = wrongType(document.resolve(schema.path("properties").path(field)));
            labels.add("body:wrong type " + field + "=" + excerpt(wrong.toString(), 40));
            body.set(field, wrong);
            return write(values.chance(0.1) ? NODES.arrayNode().add(body) : body);
        }
        if (kind == 3) {
            ObjectNode body = validObject(operation, declared);
            String extra = values.oneOf("id", "status", "tokenHash", "userId", "__proto__", "createdAt", values.alphanumeric(1, 20));
            labels.add("body:extra field " + extra);
            body.put(extra, values.alphanumeric(1, 20));
            return write(body);
        }
        if (kind == 4) {
            if (values.chance(0.15)) {
                labels.add("body:larger than the 1,000,000-character limit");
                return "{\"" + firstProperty(schema) + "\": \"" + "a".repeat(1_000_001) + "\"}";
            }
            ObjectNode body = validObject(operation, declared);
            String field = values.oneOf(new ArrayList<>(properties(schema)));
            int length = values.oneOf(256, 1025, 10_000, 100_000);
            labels.add("body:huge " + field + "(" + length + ")");
            body.put(field, values.alphanumeric(length, length));
            return write(body);
        }
        if (kind == 5) {
            String text = values.oneOf("", "{", "}", "null", "[]", "\"text\"", "42", "true", "{\"a\":1}{\"b\":2}", "<xml/>",
                    "{'single': 'quotes'}", "{\"dup\":1,\"dup\":2}", "[".repeat(5000) + "]".repeat(5000),
                    "{\"a\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3001), values.unicode(1, 60), "\u0000\u0001\u0002",
                    "{\"email\": \"\\ud800\"}", "{\"email\": 1e999999}");
            labels.add("body:not a JSON object " + excerpt(text, 30));
            return text;
        }
        if (kind == 6) {
            String type = values.oneOf(WRONG_CONTENT_TYPES);
            labels.add("body:content type " + type);
            headers.put("Content-Type", type);
            return write(valid(operation, declared));
        }
        if (kind == 7) {
            String type = values.oneOf("application/json; charset=ISO-8859-1", "application/json; charset=UTF-16", "APPLICATION/JSON",
                    "application/json;;", "application/vnd.api+json");
            labels.add("body:content type " + type);
            headers.put("Content-Type", type);
            return write(valid(operation, declared));
        }
        if (values.bool()) {
            labels.add("body:none");
            return null;
        }
        labels.add("body:none, no content type");
        headers.remove("Content-Type");
        return null;
    }

    private String formBody(Operation operation, ServedDocument.Body declared, Map<String, String> headers, List<String> labels) {
        headers.put("Content-Type", declared.mediaType());
        String password = password();
        return switch (values.weighted(35, 15, 10, 10, 15, 15)) {
            case 0 -> {
                labels.add("form:valid");
                yield form("password-new", password, "password-confirm", password);
            }
            case 1 -> {
                labels.add("form:mismatch or missing");
                yield values.bool() ? form("password-new", password, "password-confirm", password())
                        : form(values.oneOf("password-new", "password-confirm"), password);
            }
            case 2 -> {
                labels.add("form:huge");
                String huge = values.alphanumeric(100_000, 100_000);
                yield form("password-new", huge, "password-confirm", huge);
            }
            case 3 -> {
                labels.add("form:junk");
                yield values.oneOf("%ZZ=1", "&&&=", "password-new", "=x", values.unicode(1, 40), "password-new=%E0%A4%A");
            }
            case 4 -> {
                String type = values.oneOf("application/json", "text/plain", "multipart/form-data; boundary=x", "application/xml");
                labels.add("form:content type " + type);
                headers.put("Content-Type", type);
                yield type.equals("application/json") ? "{\"password-new\": \"" + password + "\"}"
                        : form("password-new", password, "password-confirm", password);
            }
            default -> {
                labels.add("form:none");
                yield null;
            }
        };
    }

    private static String form(String... pairs) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            form.append(form.isEmpty() ? "" : "&").append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        if (pairs.length % 2 == 1) {
            form.append(form.isEmpty() ? "" : "&").append(pairs[pairs.length - 1]).append("=");
        }
        return form.toString();
    }

    /** A body valid for the schema: half the time the documented example with fresh values, else built from the schema. */
    private JsonNode valid(Operation operation, ServedDocument.Body declared) {
        if (!declared.examples().isEmpty() && values.bool()) {
            JsonNode example = values.oneOf(declared.examples()).deepCopy();
            freshen(operation, example);
            return example;
        }
        return generate(operation, declared.schema(), "", 0);
    }

    private ObjectNode validObject(Operation operation, ServedDocument.Body declared) {
        JsonNode valid = valid(operation, declared);
        return valid.isObject() ? (ObjectNode) valid : NODES.objectNode();
    }

    /** Gives an example the values it must not share with earlier requests (addresses, tokens). */
    private void freshen(Operation operation, JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (String field : List.of("email", "token")) {
                if (object.has(field)) {
                    object.put(field, field.equals("email") ? email() : token(operation));
                }
            }
        }
        node.forEach(child -> freshen(operation, child));
    }

    /** A value valid for the schema, using the field's name to pick values the server will take seriously. */
    private JsonNode generate(Operation operation, JsonNode reference, String field, int depth) {
        JsonNode schema = document.resolve(reference);
        if (schema.has("enum")) {
            List<JsonNode> choices = new ArrayList<>();
            schema.get("enum").forEach(choices::add);
            return values.oneOf(choices);
        }
        switch (type(schema)) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                List<String> required = required(schema);
                for (String property : properties(schema)) {
                    if (required.contains(property) || values.chance(0.6)) {
                        object.set(property, generate(operation, schema.path("properties").path(property), property, depth + 1));
                    }
                }
                if (schema.path("additionalProperties").isObject() && depth < 3) {
                    for (int i = values.intIn(0, 2); i > 0; i--) {
                        object.set(values.oneOf("department", "phone", values.alphanumeric(1, 12)),
                                generate(operation, schema.get("additionalProperties"), field, depth + 1));
                    }
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                if (field.equals("roles")) {
                    new TreeSet<>(List.of(values.oneOf(REALM_ROLES), values.oneOf(REALM_ROLES))).stream()
                            .limit(values.intIn(0, 2)).forEach(array::add);
                    return array;
                }
                if (field.equals("groups")) {
                    return values.chance(0.8) ? array : array.add(values.oneOf("/no-such-group", "/" + values.alphanumeric(1, 10)));
                }
                int items = field.equals("invitations") ? values.intIn(1, 3) : values.intIn(0, 3);
                for (int i = 0; i < items && depth < 4; i++) {
                    array.add(generate(operation, schema.path("items"), field, depth + 1));
                }
                return array;
            }
            case "integer" -> {
                if (field.equals("expiresInSeconds")) {
                    return NODES.numberNode(values.oneOf(values.longIn(60, 2_592_000), 0L, -5L, 315_360_000L));
                }
                long min = schema.has("minimum") ? schema.get("minimum").asLong() : 0;
                long max = schema.has("maximum") ? schema.get("maximum").asLong() : 1000;
                return NODES.numberNode(values.longIn(min, max));
            }
            case "number" -> {
                return NODES.numberNode(values.intIn(0, 1000) / 7.0);
            }
            case "boolean" -> {
                // sendEmail mostly false: the mail server is not what this test is about
                return NODES.booleanNode(field.equals("sendEmail") ? values.chance(0.2) : values.bool());
            }
            default -> {
                String text = text(operation, field);
                int maxLength = schema.path("maxLength").asInt(Integer.MAX_VALUE);
                return NODES.textNode(text.length() > maxLength ? text.substring(0, maxLength) : text);
            }
        }
    }

    private String text(Operation operation, String field) {
        return switch (field) {
            case "email" -> email();
            case "token" -> token(operation);
            case "password", "newPassword" -> password();
            case "firstName", "lastName" -> values.chance(0.8) ? values.letters(1, 20) : values.oneOf(ODD_TEXT);
            case "username" -> "fuzz-" + values.alphanumeric(4, 12).toLowerCase();
            case "clientId" -> values.oneOf("demo-app", "demo-portal", "invite-only", "no-such-client");
            case "redirectUri" -> values.oneOf("http://localhost:3000/", "http://localhost:3000/" + values.alphanumeric(1, 10),
                    "https://evil.example/", "not a uri", "javascript:alert(1)");
            case "locale" -> values.oneOf("en", "de", "fr", "pt-BR", "xx", "en_US");
            case "reason" -> values.words();
            default -> values.alphanumeric(1, 24);
        };
    }

    private String email() {
        return switch (values.weighted(55, 30, 10, 5)) {
            case 0 -> "fuzz-" + (++serial) + "-" + values.alphanumeric(4, 8).toLowerCase() + "@example.org";
            case 1 -> pools.knownEmails.isEmpty() ? values.email() : values.oneOf(pools.knownEmails);
            case 2 -> values.email();
            default -> values.oneOf("not-an-address", "a@b", "ü@example.org", "x@例え.jp", "@example.org", "a b@example.org");
        };
    }

    private String token(Operation operation) {
        List<String> real = operation.path().contains("/password-resets") ? pools.resetTokens : pools.invitationTokens;
        return switch (values.weighted(45, 35, 20)) {
            case 0 -> real.isEmpty() ? values.alphanumeric(43, 43) : values.oneOf(real);
            case 1 -> values.alphanumeric(43, 43); // well-formed, unknown
            default -> values.oneOf(values.alphanumeric(1, 42), "%7Bx%7D", "{x}", values.unicode(1, 43), "a".repeat(300));
        };
    }

    private String password() {
        return values.chance(0.75) ? "Fz-" + values.alphanumeric(8, 16) + "9!a" : values.alphanumeric(1, 6);
    }

    // ---------------------------------------------------------------- JSON helpers

    private JsonNode wrongType(JsonNode schema) {
        String type = type(schema);
        List<JsonNode> wrong = new ArrayList<>(List.of(NODES.numberNode(12345), NODES.numberNode(-1.5), NODES.booleanNode(true),
                NODES.nullNode(), NODES.arrayNode(), NODES.objectNode(), NODES.textNode(values.alphanumeric(1, 10)),
                NODES.arrayNode().add(1).add("a"), NODES.numberNode(new java.math.BigInteger("9".repeat(30)))));
        wrong.removeIf(node -> switch (type) {
            case "string" -> node.isTextual();
            case "array" -> node.isArray();
            case "object" -> node.isObject();
            case "integer" -> node.isIntegralNumber() && node.canConvertToLong();
            case "boolean" -> node.isBoolean();
            default -> false;
        });
        return values.oneOf(wrong);
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        return type.isMissingNode() && schema.has("properties") ? "object" : type.asText("string");
    }

    private static List<String> required(JsonNode schema) {
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        return required;
    }

    private static Set<String> properties(JsonNode schema) {
        Set<String> names = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        if (names.isEmpty()) {
            names.add("value");
        }
        return names;
    }

    private static String firstProperty(JsonNode schema) {
        return properties(schema).iterator().next();
    }

    private String anyField(ObjectNode body) {
        List<String> names = new ArrayList<>();
        Iterator<String> fields = body.fieldNames();
        fields.forEachRemaining(names::add);
        return names.isEmpty() ? null : values.oneOf(names);
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String excerpt(String text, int max) {
        String flat = text.replace("\n", "\\n").replace("\r", "\\r");
        return flat.length() <= max ? flat : flat.substring(0, max) + "…(" + text.length() + " chars)";
    }
}
