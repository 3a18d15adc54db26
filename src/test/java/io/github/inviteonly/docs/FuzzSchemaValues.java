package io.github.inviteonly.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.inviteonly.docs.ServedDocument.Operation;

/**
 * JSON bodies valid for a request body's schema in the served document, with values the server takes
 * seriously where a field's name says what it holds (roles of the realm, fresh addresses, issued tokens),
 * so that valid requests get past the checks and reach the code behind them.
 */
final class FuzzSchemaValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> REALM_ROLES = List.of("admin", "director", "marketing", "inventory", "accountant", "sales");

    private final ServedDocument document;
    private final FuzzValues values;
    private final FuzzFieldValues fields;

    FuzzSchemaValues(ServedDocument document, FuzzValues values, FuzzFieldValues fields) {
        this.document = document;
        this.values = values;
        this.fields = fields;
    }

    /** A body valid for the schema: half the time the documented example with fresh values, else built from the schema. */
    JsonNode valid(Operation operation, ServedDocument.Body declared) {
        if (!declared.examples().isEmpty() && values.bool()) {
            JsonNode example = values.oneOf(declared.examples()).deepCopy();
            freshen(operation, example);
            return example;
        }
        return generate(operation, declared.schema(), "", 0);
    }

    /** A valid body as an object to change, or an empty object where the schema's is not one. */
    ObjectNode validObject(Operation operation, ServedDocument.Body declared) {
        JsonNode valid = valid(operation, declared);
        return valid.isObject() ? (ObjectNode) valid : NODES.objectNode();
    }

    /** Gives an example the values it must not share with earlier requests (addresses, tokens). */
    private void freshen(Operation operation, JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (String field : List.of("email", "token")) {
                if (object.has(field)) {
                    object.put(field, field.equals("email") ? fields.email() : fields.token(operation));
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
            case "email" -> fields.email();
            case "token" -> fields.token(operation);
            case "password", "newPassword" -> fields.password();
            case "firstName", "lastName" -> values.chance(0.8) ? values.letters(1, 20) : values.oneOf(FuzzFieldValues.ODD_TEXT);
            case "username" -> "fuzz-" + values.alphanumeric(4, 12).toLowerCase();
            case "clientId" -> values.oneOf("demo-app", "demo-portal", "invite-only", "no-such-client");
            case "redirectUri" -> values.oneOf("http://localhost:3000/", "http://localhost:3000/" + values.alphanumeric(1, 10),
                    "https://evil.example/", "not a uri", "javascript:alert(1)");
            case "locale" -> values.oneOf("en", "de", "fr", "pt-BR", "xx", "en_US");
            case "reason" -> values.words();
            default -> values.alphanumeric(1, 24);
        };
    }

    /** The schema's type; of a nullable type ({@code ["string", "null"]}) the one that is not null. */
    static String type(JsonNode schema) {
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

    static List<String> required(JsonNode schema) {
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        return required;
    }

    /** The schema's property names, sorted so that a seed picks the same ones; {@code value} where it names none. */
    static Set<String> properties(JsonNode schema) {
        Set<String> names = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        if (names.isEmpty()) {
            names.add("value");
        }
        return names;
    }
}
