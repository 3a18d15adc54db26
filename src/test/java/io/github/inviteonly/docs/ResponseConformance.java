package io.github.inviteonly.docs;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Whether a real answer is one the served document declares for the operation: no 5xx, a status the
 * operation lists (or {@code default}), a content type listed for that status (no body where none is),
 * and a JSON body valid against the listed schema (JSON Schema 2020-12, the dialect of OpenAPI 3.1).
 */
final class ResponseConformance {

    enum Kind {
        NO_ANSWER("requests the server did not answer"),
        SERVER_ERROR("5xx answers"),
        UNDECLARED_STATUS("statuses the document does not declare"),
        UNDECLARED_CONTENT_TYPE("content types the document does not declare"),
        OFF_SCHEMA("bodies off their schema");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** What is wrong with one answer. */
    record Violation(Kind kind, String detail) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final JsonNode components;
    private final Map<JsonNode, JsonSchema> validators = new IdentityHashMap<>();

    ResponseConformance(ServedDocument document) {
        this.components = document.json().path("components");
    }

    /** @return the violations of this answer; empty when it is as documented */
    List<Violation> check(ServedDocument.Operation operation, int status, String contentType, String body) {
        if (status >= 500) {
            return List.of(new Violation(Kind.SERVER_ERROR, "answered " + status));
        }
        JsonNode responses = operation.node().path("responses");
        JsonNode response = responses.has(String.valueOf(status)) ? responses.get(String.valueOf(status)) : responses.path("default");
        if (response.isMissingNode()) {
            return List.of(new Violation(Kind.UNDECLARED_STATUS, status + " is not among " + names(responses.fieldNames())));
        }
        JsonNode content = response.path("content");
        String type = mediaType(contentType);
        if (content.isEmpty()) {
            return body.isEmpty() ? List.of() : List.of(new Violation(Kind.UNDECLARED_CONTENT_TYPE,
                    status + " is declared without a body, yet came with " + (type.isEmpty() ? "an untyped body" : type)));
        }
        JsonNode media = declaredMedia(content, type);
        if (media == null) {
            return List.of(new Violation(Kind.UNDECLARED_CONTENT_TYPE, status + " came as '" + type + "', declared are "
                    + names(content.fieldNames())));
        }
        if (!isJson(type) || !media.has("schema")) {
            return List.of();
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(body);
        } catch (IOException e) {
            return List.of(new Violation(Kind.OFF_SCHEMA, status + " " + type + " body is not JSON"));
        }
        if (parsed == null || parsed.isMissingNode()) {
            return List.of(new Violation(Kind.OFF_SCHEMA, status + " " + type + " body is empty"));
        }
        Set<ValidationMessage> errors = validator(media.get("schema")).validate(parsed);
        return errors.isEmpty() ? List.of() : List.of(new Violation(Kind.OFF_SCHEMA, status + " body: "
                + errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; "))));
    }

    private JsonSchema validator(JsonNode schema) {
        return validators.computeIfAbsent(schema, s -> {
            ObjectNode whole = s.deepCopy();
            whole.set("components", components);
            return SCHEMAS.getSchema(whole);
        });
    }

    /** The declared media type matching the answer's: exact, then {@code type/*}, then {@code *}{@code /*}. */
    private static JsonNode declaredMedia(JsonNode content, String type) {
        if (type.isEmpty()) {
            return null;
        }
        if (content.has(type)) {
            return content.get(type);
        }
        String wildcard = type.substring(0, type.indexOf('/') + 1) + "*";
        if (content.has(wildcard)) {
            return content.get(wildcard);
        }
        return content.has("*/*") ? content.get("*/*") : null;
    }

    static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isJson(String type) {
        return type.equals("application/json") || type.endsWith("+json");
    }

    private static String names(Iterator<String> names) {
        StringBuilder all = new StringBuilder();
        names.forEachRemaining(name -> all.append(all.isEmpty() ? "" : ", ").append(name));
        return "[" + all + "]";
    }
}
