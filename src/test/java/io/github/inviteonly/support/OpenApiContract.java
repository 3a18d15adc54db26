package io.github.inviteonly.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Checks real answers of the running server against the OpenAPI document that server serves: the
 * status must be documented for the operation, and the body must match its schema (JSON Schema
 * 2020-12, which OpenAPI 3.1 schemas are).
 */
public final class OpenApiContract {

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final JsonNode document;

    private OpenApiContract(JsonNode document) {
        this.document = document;
    }

    public static OpenApiContract servedBy(ManagedRealm realm) {
        Http.Reply reply = Http.get(DemoRealm.api(realm) + "/openapi.json", null);
        assertEquals(200, reply.status(), reply.toString());
        return new OpenApiContract(reply.json());
    }

    public JsonNode document() {
        return document;
    }

    /** @param path the documented path template, e.g. {@code /realms/{realm}/invite-only/me} */
    public Http.Reply check(String method, String path, Http.Reply reply) {
        JsonNode operation = document.path("paths").path(path).path(method.toLowerCase());
        assertFalse(operation.isMissingNode(), method + " " + path + " is not documented");
        JsonNode response = operation.path("responses").path(String.valueOf(reply.status()));
        assertFalse(response.isMissingNode(), method + " " + path + " answered " + reply + ", an undocumented status");
        JsonNode content = response.path("content");
        if (content.isEmpty()) {
            assertTrue(reply.raw().body().isEmpty(), method + " " + path + " " + reply.status() + " has a body: " + reply);
            return reply;
        }
        String type = reply.header("Content-Type") == null ? "" : reply.header("Content-Type").split(";")[0].trim();
        JsonNode media = content.has(type) ? content.path(type) : content.path("*/*");
        assertFalse(media.isMissingNode(), method + " " + path + " " + reply.status() + " answered " + type
                + ", documented are " + content.fieldNames().next());
        if (type.equals("application/json") && media.has("schema")) {
            ObjectNode schema = media.path("schema").deepCopy();
            schema.set("components", document.path("components"));
            JsonSchema validator = SCHEMAS.getSchema(schema);
            Set<ValidationMessage> errors = validator.validate(reply.json());
            assertEquals(Set.of(), errors, method + " " + path + " " + reply.status() + " does not match its schema: " + reply);
        }
        return reply;
    }
}
