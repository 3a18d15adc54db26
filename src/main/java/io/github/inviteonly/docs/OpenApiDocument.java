package io.github.inviteonly.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document generated at build time (from the resources' annotations, completed by
 * {@link OpenApiDefinition}), served per realm: server, realm and sign-in endpoints point at the server and
 * realm that answer.
 */
public final class OpenApiDocument {

    static final String SERVER_PLACEHOLDER = "http://keycloak.example";
    static final String REALM_PLACEHOLDER = "realm-name";
    static final String RESOURCE = "/io/github/inviteonly/docs/openapi.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode GENERATED = load();

    private OpenApiDocument() {
    }

    /** @param server the server's base URL without a trailing slash, e.g. {@code https://sso.example.com} */
    public static ObjectNode forRealm(String server, String realm) {
        ObjectNode document = GENERATED.deepCopy();
        ((ObjectNode) document.path("servers").path(0)).put("url", server);
        ObjectNode flow = (ObjectNode) document.path("components").path("securitySchemes").path(OpenApiDefinition.OIDC)
                .path("flows").path("authorizationCode");
        flow.put("authorizationUrl", OidcEndpoints.of(server, realm, OidcEndpoints.AUTH));
        flow.put("tokenUrl", OidcEndpoints.of(server, realm, OidcEndpoints.TOKEN));
        document.path("paths").forEach(path -> path.path("parameters").forEach(parameter -> {
            if (OpenApiDefinition.REALM_PARAMETER.equals(parameter.path("name").asText())) {
                ((ObjectNode) parameter.path("schema")).put("default", realm);
            }
        }));
        return document;
    }

    public static String json(ObjectNode document) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The document as YAML, written by SnakeYAML: every Keycloak we support ships it, while Jackson's YAML
     * module is missing from Keycloak 26.4.
     */
    public static String yaml(ObjectNode document) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setSplitLines(false);
        return new Yaml(options).dump(JSON.convertValue(document, Object.class));
    }

    private static JsonNode load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing: the build generates it");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
