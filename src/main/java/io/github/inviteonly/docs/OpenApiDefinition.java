package io.github.inviteonly.docs;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes the generated document at build time (smallrye-open-api's Maven plugin runs it; the server
 * never loads it: Keycloak 26.4 does not even ship MicroProfile OpenAPI) with what resource annotations cannot say:
 * <ul>
 *   <li>Keycloak mounts our two root resources under {@code /realms/{realm}} and
 *   {@code /admin/realms/{realm}}, so every path gets the {@code realm} parameter;</li>
 *   <li>the two ways to present a token, declared once;</li>
 *   <li>the answers Keycloak gives before our code runs: 404 when {@code {realm}} names no realm, and 400
 *   when an id or file name in the path is not a plain segment (Keycloak refuses paths that are not
 *   normalized, e.g. an encoded {@code ..}), and 400 (JSON) when a query parameter's value holds a control
 *   character;</li>
 *   <li>the one error shape, {@code Error}, on every 4xx answer that does not say otherwise.</li>
 * </ul>
 * Server, realm and the sign-in endpoints are placeholders that {@link OpenApiDocument} fills in per request.
 */
public class OpenApiDefinition implements OASFilter {

    public static final String BEARER = "bearer";
    public static final String OIDC = "oidc";
    public static final String REALM_PARAMETER = "realm";
    public static final String ERROR_SCHEMA = "Error";
    static final String NO_SUCH_REALM = "The realm does not exist";
    static final String PATH_NOT_NORMALIZED = "The path is not normalized, e.g. an id that is an encoded `..`: Keycloak refuses it";
    static final String CONTROL_CHARACTER = "A query parameter's value holds a control character (NUL, ESC, …): Keycloak refuses it";
    private static final String JSON = "application/json";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.servers(List.of(OASFactory.createServer().url(OpenApiDocument.SERVER_PLACEHOLDER)
                .description("This Keycloak server")));
        if (openAPI.getComponents() == null) {
            openAPI.components(OASFactory.createComponents());
        }
        openAPI.getComponents().securitySchemes(Map.of(
                BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .bearerFormat("JWT").description("An access token issued by the realm (any of its clients)."),
                // One flow, not openIdConnect: Swagger UI would offer every grant type of the discovery document.
                OIDC, OASFactory.createSecurityScheme().type(SecurityScheme.Type.OAUTH2)
                        .flows(OASFactory.createOAuthFlows().authorizationCode(OASFactory.createOAuthFlow()
                                .authorizationUrl(OidcEndpoints.of(OpenApiDocument.SERVER_PLACEHOLDER,
                                        OpenApiDocument.REALM_PLACEHOLDER, OidcEndpoints.AUTH))
                                .tokenUrl(OidcEndpoints.of(OpenApiDocument.SERVER_PLACEHOLDER,
                                        OpenApiDocument.REALM_PLACEHOLDER, OidcEndpoints.TOKEN))
                                .scopes(Map.of("openid", "Sign in with the realm (OpenID Connect)"))))
                        .description("Sign in with the realm: authorization code with PKCE.")));
        openAPI.getComponents().addSchema(ERROR_SCHEMA, errorSchema());

        Parameter realm = OASFactory.createParameter().name(REALM_PARAMETER).in(Parameter.In.PATH).required(true)
                .description("The Keycloak realm")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .defaultValue(OpenApiDocument.REALM_PLACEHOLDER));
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.contains("{" + REALM_PARAMETER + "}")) {
                item.addParameter(realm);
            }
            item.getOperations().values().forEach(operation -> {
                answeredByKeycloak(operation, "404", NO_SUCH_REALM);
                if (path.replace("{" + REALM_PARAMETER + "}", "").contains("{")) {
                    answeredByKeycloak(operation, "400", PATH_NOT_NORMALIZED);
                }
                if (operation.getParameters() != null
                        && operation.getParameters().stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY)) {
                    answeredByKeycloak(operation, "400", CONTROL_CHARACTER);
                }
                errorsAsJson(operation);
            });
        });
    }

    /**
     * Declares an answer that Keycloak gives before our code runs: a new response, or one more reason (and
     * JSON, which Keycloak answers with) on the operation's own response of that status.
     */
    private static void answeredByKeycloak(Operation operation, String status, String reason) {
        APIResponse response = operation.getResponses().getAPIResponse(status);
        if (response == null) {
            operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().description(reason));
            return;
        }
        response.description(response.getDescription() + "; or " + reason.substring(0, 1).toLowerCase(Locale.ROOT)
                + reason.substring(1));
        if (response.getContent() != null && !response.getContent().hasMediaType(JSON)) {
            response.getContent().addMediaType(JSON, errorMedia());
        }
    }

    private static void errorsAsJson(Operation operation) {
        operation.getResponses().getAPIResponses().forEach((code, response) -> {
            if (code.startsWith("4") && response.getContent() == null) {
                response.content(OASFactory.createContent().addMediaType(JSON, errorMedia()));
            }
        });
    }

    private static MediaType errorMedia() {
        return OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR_SCHEMA));
    }

    /** What {@code ApiException} sends, and the shape of Keycloak's own errors on the admin API. */
    private static Schema errorSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("Every error answer: an OAuth2-style error code, a readable description, and the field at fault.")
                .addProperty("error", text.description("Machine-readable code, e.g. invalid_request"))
                .addProperty("error_description", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("What went wrong, for people"))
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The request field at fault, e.g. email or invitations[3].email"))
                .required(List.of("error"));
    }
}
