package io.github.inviteonly.docs;

import static io.github.inviteonly.http.ServedFiles.html;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.inviteonly.http.ApiException;
import io.github.inviteonly.http.PublicResource;
import io.github.inviteonly.http.ServedFiles;
import io.github.inviteonly.realm.ExtensionClient;
import io.github.inviteonly.settings.RealmSettings;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The API's documentation, per realm: the OpenAPI document, Swagger UI ({@code /docs}) and ReDoc
 * ({@code /redoc}). Every file comes from the JAR (the UIs from their webjars, copied at build time);
 * a Content-Security-Policy keeps the pages from loading or sending anything elsewhere.
 */
@Tag(name = ApiTags.DOCS)
public class DocsResource extends PublicResource {

    /** What the pages may load: their own files, and calls to this server (Try it out, token endpoint). */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static final String ASSETS = "/io/github/inviteonly/docs/assets/";
    private static final String OWN = "/io/github/inviteonly/docs/";
    private static final Map<String, String> SWAGGER_FILES = Map.of(
            "swagger-ui-bundle.js", ASSETS, "swagger-ui.css", ASSETS, "oauth2-redirect.html", ASSETS,
            "oauth2-redirect.js", ASSETS, "favicon-32x32.png", ASSETS, "invite-only-swagger.js", OWN);
    private static final String REDOC_BUNDLE = "redoc.standalone.js";
    private static final Map<String, String> REDOC_FILES = Map.of(REDOC_BUNDLE, ASSETS);
    /** ReDoc's menu footer always loads Redocly's logo from their CDN; the CSP would block it with a console error. */
    private static final String REDOC_REMOTE_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg";
    private static final String EMPTY_IMAGE = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E";
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "html", "text/html; charset=utf-8", "png", "image/png");

    public DocsResource(KeycloakSession session) {
        super(session);
    }

    @GET
    @Path("openapi.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "This API's OpenAPI 3.1 document",
            description = "With this server, this realm and its authorization and token endpoints filled in." + ApiTags.PUBLIC)
    @APIResponse(responseCode = "200", description = "The document", content = @Content(schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)))
    public Response openApiJson() {
        return Response.ok(OpenApiDocument.json(document())).build();
    }

    @GET
    @Path("openapi.yaml")
    @Produces("application/yaml")
    @Operation(summary = "This API's OpenAPI 3.1 document, as YAML", description = "The same as openapi.json." + ApiTags.PUBLIC)
    @APIResponse(responseCode = "200", description = "The document", content = @Content(mediaType = "application/yaml"))
    public Response openApiYaml() {
        return Response.ok(OpenApiDocument.yaml(document()), "application/yaml").build();
    }

    @GET
    @Path("docs")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Swagger UI", description = "Try the API; Authorize signs in with the realm (authorization code"
            + " with PKCE). Off when the realm attribute inviteOnly.docs.enabled is false." + ApiTags.PUBLIC)
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "404", description = "The realm has turned the docs pages off")
    public Response swaggerUi() {
        RealmSettings settings = requireDocs();
        String redirect = session.getContext().getUri().getBaseUriBuilder()
                .path("realms/{realm}/invite-only/docs/oauth2-redirect.html").build(realm().getName()).toString();
        return page("<link rel=\"stylesheet\" href=\"docs/swagger-ui.css\">"
                        + "<link rel=\"icon\" href=\"docs/favicon-32x32.png\">",
                "<body data-spec=\"openapi.json\" data-oauth2-redirect=\"" + html(redirect) + "\" data-client-id=\""
                        + html(settings.docsClientId(ExtensionClient.CLIENT_ID)) + "\"><div id=\"swagger-ui\"></div>"
                        + "<script src=\"docs/swagger-ui-bundle.js\"></script>"
                        + "<script src=\"docs/invite-only-swagger.js\"></script></body>");
    }

    @GET
    @Path("docs/{file}")
    @Operation(summary = "Swagger UI's files", description = "Only the files the page uses." + ApiTags.PUBLIC)
    @APIResponse(responseCode = "200", description = "The file", content = @Content(mediaType = "*/*"))
    @APIResponse(responseCode = "404", description = "No such file, or the docs pages are off")
    public Response swaggerUiFile(@Parameter(description = "e.g. swagger-ui-bundle.js") @PathParam("file") String file) {
        return file(SWAGGER_FILES, file);
    }

    @GET
    @Path("redoc")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "ReDoc", description = "The API as a readable reference. Off when the realm attribute "
            + "inviteOnly.docs.enabled is false." + ApiTags.PUBLIC)
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "404", description = "The realm has turned the docs pages off")
    public Response redoc() {
        requireDocs();
        return page("<link rel=\"icon\" href=\"docs/favicon-32x32.png\">", "<body><redoc spec-url=\"openapi.json\"></redoc>"
                + "<script src=\"redoc/redoc.standalone.js\"></script></body>");
    }

    @GET
    @Path("redoc/{file}")
    @Operation(summary = "ReDoc's files", description = "Only the file the page uses." + ApiTags.PUBLIC)
    @APIResponse(responseCode = "200", description = "The file", content = @Content(mediaType = "*/*"))
    @APIResponse(responseCode = "404", description = "No such file, or the docs pages are off")
    public Response redocFile(@Parameter(description = "redoc.standalone.js") @PathParam("file") String file) {
        return file(REDOC_FILES, file);
    }

    private ObjectNode document() {
        String server = session.getContext().getUri().getBaseUri().toString().replaceAll("/+$", "");
        return OpenApiDocument.forRealm(server, realm().getName());
    }

    private Response page(String head, String body) {
        String title = html("keycloak-invite-only API: " + realm().getName());
        return secured(Response.ok("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + "</title>" + head + "</head>" + body + "</html>", "text/html; charset=utf-8")).build();
    }

    private Response file(Map<String, String> allowed, String name) {
        requireDocs();
        String folder = allowed.get(name);
        if (folder == null) {
            throw ApiException.notFound("No such file");
        }
        byte[] content = ServedFiles.read(DocsResource.class, folder + name);
        if (name.equals(REDOC_BUNDLE)) {
            content = withoutRemoteLogo(content);
        }
        return secured(Response.ok(content, TYPES.get(name.substring(name.lastIndexOf('.') + 1))))
                .header("Cache-Control", "public, max-age=3600")
                .build();
    }

    private static byte[] withoutRemoteLogo(byte[] bundle) {
        return new String(bundle, StandardCharsets.UTF_8).replace(REDOC_REMOTE_LOGO, EMPTY_IMAGE).getBytes(StandardCharsets.UTF_8);
    }


    private RealmSettings requireDocs() {
        RealmSettings settings = new RealmSettings(realm());
        if (!settings.docsEnabled()) {
            throw ApiException.notFound("The documentation pages are turned off in this realm");
        }
        return settings;
    }

    private Response.ResponseBuilder secured(Response.ResponseBuilder response) {
        return ServedFiles.secured(session, response, CSP);
    }

    private RealmModel realm() {
        return session.getContext().getRealm();
    }

}
