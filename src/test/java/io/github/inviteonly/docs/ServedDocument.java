package io.github.inviteonly.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * The OpenAPI document a running server serves, read with swagger-parser (which also checks it): its
 * operations with their parameters and request bodies. Schemas stay as the JSON the server sent, which
 * is what the JSON Schema validator of {@link ResponseConformance} reads.
 */
final class ServedDocument {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A parameter of an operation (path or query). */
    record Parameter(String name, String in, boolean required, JsonNode schema) {
    }

    /** One media type an operation's request body may come in, with its schema and documented examples. */
    record Body(String mediaType, JsonNode schema, List<JsonNode> examples) {
    }

    /** One operation: method, path template, its node in the document, its parameters and body media types. */
    record Operation(String method, String path, JsonNode node, List<Parameter> parameters, List<Body> bodies) {

        String name() {
            return method + " " + path;
        }

        List<Parameter> in(String location) {
            return parameters.stream().filter(p -> p.in().equals(location)).toList();
        }

        boolean isAdmin() {
            return path.startsWith("/admin/");
        }
    }

    private final JsonNode json;
    private final List<Operation> operations;

    private ServedDocument(JsonNode json, List<Operation> operations) {
        this.json = json;
        this.operations = operations;
    }

    static ServedDocument parse(String text) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(text, null, options);
        if (result.getOpenAPI() == null || !result.getMessages().isEmpty()) {
            throw new AssertionError("The served document does not parse cleanly: " + result.getMessages());
        }
        OpenAPI api = result.getOpenAPI();
        if (!api.getOpenapi().startsWith("3.1")) {
            throw new AssertionError("Expected OpenAPI 3.1, the server serves " + api.getOpenapi());
        }
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            List<io.swagger.v3.oas.models.parameters.Parameter> shared = path.getValue().getParameters() == null
                    ? List.of() : path.getValue().getParameters();
            path.getValue().readOperationsMap().forEach((method, operation) -> {
                String name = method.name().toLowerCase(Locale.ROOT);
                JsonNode node = json.path("paths").path(path.getKey()).path(name);
                List<Parameter> parameters = new ArrayList<>();
                List<io.swagger.v3.oas.models.parameters.Parameter> all = new ArrayList<>(shared);
                if (operation.getParameters() != null) {
                    all.addAll(operation.getParameters());
                }
                for (var parameter : all) {
                    parameters.add(new Parameter(parameter.getName(), parameter.getIn(),
                            Boolean.TRUE.equals(parameter.getRequired()), rawSchema(json, path.getKey(), name, parameter.getName())));
                }
                List<Body> bodies = new ArrayList<>();
                if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                    for (String mediaType : operation.getRequestBody().getContent().keySet()) {
                        JsonNode media = node.path("requestBody").path("content").path(mediaType);
                        List<JsonNode> examples = new ArrayList<>();
                        media.path("examples").forEach(example -> examples.add(example.path("value")));
                        bodies.add(new Body(mediaType, media.path("schema"), examples));
                    }
                }
                operations.add(new Operation(method.name(), path.getKey(), node, List.copyOf(parameters), List.copyOf(bodies)));
            });
        }
        return new ServedDocument(json, List.copyOf(operations));
    }

    /** The parameter's schema as served, from the operation or its path item. */
    private static JsonNode rawSchema(JsonNode json, String path, String method, String parameter) {
        JsonNode item = json.path("paths").path(path);
        for (JsonNode candidates : List.of(item.path(method).path("parameters"), item.path("parameters"))) {
            for (JsonNode candidate : candidates) {
                if (candidate.path("name").asText().equals(parameter)) {
                    return candidate.path("schema");
                }
            }
        }
        return JSON.createObjectNode();
    }

    JsonNode json() {
        return json;
    }

    List<Operation> operations() {
        return operations;
    }

    /** Follows a local {@code $ref} (#/components/schemas/X); other schemas are returned as they are. */
    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; hops < 10 && current.has("$ref"); hops++) {
            current = json.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }
}
