package io.github.inviteonly.docs;

import static io.github.inviteonly.docs.FuzzRequests.excerpt;
import static io.github.inviteonly.docs.FuzzSchemaValues.properties;
import static io.github.inviteonly.docs.FuzzSchemaValues.required;

import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.inviteonly.docs.ServedDocument.Operation;

/**
 * The body and Content-Type of a generated request. JSON bodies: valid for the schema, a field missing,
 * a wrong type, an extra field, huge strings, not JSON at all, a wrong or odd content type, none. Form
 * bodies (the reset page): valid, mismatched, huge, malformed, sent as another type, none. Operations
 * without a body sometimes get one anyway.
 */
final class FuzzBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> WRONG_CONTENT_TYPES = List.of("text/plain", "application/xml", "application/octet-stream",
            "multipart/form-data; boundary=x", "text/html", "application/json-patch+json", "image/png", "*/*", "application/x-www-form-urlencoded");

    private final ServedDocument document;
    private final FuzzValues values;
    private final FuzzFieldValues fields;
    private final FuzzSchemaValues valid;

    FuzzBodies(ServedDocument document, FuzzValues values, FuzzFieldValues fields) {
        this.document = document;
        this.values = values;
        this.fields = fields;
        this.valid = new FuzzSchemaValues(document, values, fields);
    }

    /** The body to send, or null for none; sets the Content-Type header and labels what was done. */
    String body(Operation operation, Map<String, String> headers, List<String> labels) {
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
                ? formBody(declared, headers, labels)
                : jsonBody(operation, declared, headers, labels);
    }

    private String jsonBody(Operation operation, ServedDocument.Body declared, Map<String, String> headers, List<String> labels) {
        headers.put("Content-Type", declared.mediaType());
        JsonNode schema = document.resolve(declared.schema());
        return switch (values.weighted(35, 8, 12, 7, 6, 10, 12, 5, 5)) {
            case 0 -> {
                labels.add("body:valid");
                yield write(valid.valid(operation, declared));
            }
            case 1 -> {
                ObjectNode body = valid.validObject(operation, declared);
                List<String> required = required(schema);
                String field = required.isEmpty() ? anyField(body) : values.oneOf(required);
                labels.add("body:missing " + field);
                if (field != null) {
                    body.remove(field);
                }
                yield write(body);
            }
            case 2 -> {
                ObjectNode body = valid.validObject(operation, declared);
                String field = values.bool() || body.isEmpty() ? values.oneOf(new ArrayList<>(properties(schema))) : anyField(body);
                JsonNode wrong = wrongType(document.resolve(schema.path("properties").path(field)));
                labels.add("body:wrong type " + field + "=" + excerpt(wrong.toString(), 40));
                body.set(field, wrong);
                yield write(values.chance(0.1) ? NODES.arrayNode().add(body) : body);
            }
            case 3 -> {
                ObjectNode body = valid.validObject(operation, declared);
                String extra = values.oneOf("id", "status", "tokenHash", "userId", "__proto__", "createdAt", values.alphanumeric(1, 20));
                labels.add("body:extra field " + extra);
                body.put(extra, values.alphanumeric(1, 20));
                yield write(body);
            }
            case 4 -> {
                if (values.chance(0.15)) {
                    labels.add("body:larger than the 1,000,000-character limit");
                    yield "{\"" + properties(schema).iterator().next() + "\": \"" + "a".repeat(1_000_001) + "\"}";
                }
                ObjectNode body = valid.validObject(operation, declared);
                String field = values.oneOf(new ArrayList<>(properties(schema)));
                int length = values.oneOf(256, 1025, 10_000, 100_000);
                labels.add("body:huge " + field + "(" + length + ")");
                body.put(field, values.alphanumeric(length, length));
                yield write(body);
            }
            case 5 -> {
                String text = values.oneOf("", "{", "}", "null", "[]", "\"text\"", "42", "true", "{\"a\":1}{\"b\":2}", "<xml/>",
                        "{'single': 'quotes'}", "{\"dup\":1,\"dup\":2}", "[".repeat(5000) + "]".repeat(5000),
                        "{\"a\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3001), values.unicode(1, 60), "\u0000\u0001\u0002",
                        "{\"email\": \"\\ud800\"}", "{\"email\": 1e999999}");
                labels.add("body:not a JSON object " + excerpt(text, 30));
                yield text;
            }
            case 6 -> validAs(values.oneOf(WRONG_CONTENT_TYPES), operation, declared, headers, labels);
            case 7 -> validAs(values.oneOf("application/json; charset=ISO-8859-1", "application/json; charset=UTF-16",
                    "APPLICATION/JSON", "application/json;;", "application/vnd.api+json"), operation, declared, headers, labels);
            default -> {
                if (values.bool()) {
                    labels.add("body:none");
                    yield null;
                }
                labels.add("body:none, no content type");
                headers.remove("Content-Type");
                yield null;
            }
        };
    }

    /** A valid JSON body sent with the given content type instead of the declared one. */
    private String validAs(String type, Operation operation, ServedDocument.Body declared, Map<String, String> headers,
                           List<String> labels) {
        labels.add("body:content type " + type);
        headers.put("Content-Type", type);
        return write(valid.valid(operation, declared));
    }

    private String formBody(ServedDocument.Body declared, Map<String, String> headers, List<String> labels) {
        headers.put("Content-Type", declared.mediaType());
        String password = fields.password();
        return switch (values.weighted(35, 15, 10, 10, 15, 15)) {
            case 0 -> {
                labels.add("form:valid");
                yield form("password-new", password, "password-confirm", password);
            }
            case 1 -> {
                labels.add("form:mismatch or missing");
                yield values.bool() ? form("password-new", password, "password-confirm", fields.password())
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

    /** A form of name/value pairs, encoded; an odd trailing name is sent with an empty value. */
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

    /** A value of any type but the schema's (an integer too big for a long counts as wrong for an integer). */
    private JsonNode wrongType(JsonNode schema) {
        String type = FuzzSchemaValues.type(schema);
        List<JsonNode> wrong = new ArrayList<>(List.of(NODES.numberNode(12345), NODES.numberNode(-1.5), NODES.booleanNode(true),
                NODES.nullNode(), NODES.arrayNode(), NODES.objectNode(), NODES.textNode(values.alphanumeric(1, 10)),
                NODES.arrayNode().add(1).add("a"), NODES.numberNode(new BigInteger("9".repeat(30)))));
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

    private String anyField(ObjectNode body) {
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? null : values.oneOf(names);
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
