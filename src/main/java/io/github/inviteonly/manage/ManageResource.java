package io.github.inviteonly.manage;

import static io.github.inviteonly.http.ServedFiles.html;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.inviteonly.docs.ApiTags;
import io.github.inviteonly.http.ApiException;
import io.github.inviteonly.http.PublicResource;
import io.github.inviteonly.http.ServedFiles;
import io.github.inviteonly.realm.ManageClient;
import io.github.inviteonly.settings.RealmSettings;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.keycloak.common.Version;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.urls.UrlType;

/**
 * The manage page, {@code /realms/{realm}/invite-only/manage/}: a single-page app of plain ES modules
 * from the JAR that signs in with {@link ManageClient} and calls the admin API. The server writes only
 * the page's frame: where the realm's endpoints are, the language, and the address of the PatternFly
 * stylesheet Keycloak itself serves. A Content-Security-Policy keeps it from loading or sending
 * anything elsewhere, or running inline script.
 */
@Tag(name = ApiTags.MANAGE)
public class ManageResource extends PublicResource {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /** The languages the page is written in; others fall back to English. */
    static final List<String> LANGUAGES = List.of("en", "de");

    private static final String FOLDER = "/io/github/inviteonly/manage/";
    private static final Set<String> FILES = Set.of("app.js", "auth.js", "api.js", "i18n.js", "ui.js", "resets.js",
            "invitations.js", "bulk.js", "csv.js", "messages-en.js", "messages-de.js", "manage.css");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");

    public ManageResource(KeycloakSession session) {
        super(session);
    }

    @GET
    @Operation(summary = "The manage page", description = "Password-reset approvals and invitations, for the people who "
            + "handle them; signs in with the realm (client invite-only-manage, authorization code with PKCE)." + ApiTags.PUBLIC)
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = "text/html"))
    @APIResponse(responseCode = "303", description = "To the address with a trailing slash")
    public Response page() {
        URI requested = session.getContext().getUri().getRequestUri();
        if (!requested.getPath().endsWith("/")) {
            return Response.seeOther(UriBuilder.fromUri(requested).replacePath(requested.getPath() + "/").build()).build();
        }
        RealmModel realm = session.getContext().getRealm();
        UriBuilder base = session.getContext().getUri().getBaseUriBuilder();
        String language = language(realm);
        String attributes = attribute("realm", realm.getName())
                + attribute("realm-name", new RealmSettings(realm).displayName())
                + attribute("client-id", ManageClient.CLIENT_ID)
                + attribute("page", base.clone().path(ManageClient.pagePath(realm)).build().toString())
                + attribute("oidc", base.clone().path("realms/{realm}/protocol/openid-connect").build(realm.getName()).toString())
                + attribute("api", base.clone().path("admin/realms/{realm}/invite-only").build(realm.getName()).toString())
                + attribute("console", session.getContext().getUri(UrlType.ADMIN).getBaseUriBuilder()
                        .path("admin/{realm}/console/").build(realm.getName()).toString())
                + attribute("lang", language)
                + attribute("languages", String.join(" ", LANGUAGES));
        String patternfly = base.clone().path("resources").path(Version.RESOURCES_VERSION)
                .path("common/keycloak/vendor/patternfly-v5/patternfly.min.css").build().toString();
        String page = "<!doctype html><html lang=\"" + language + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + html(new RealmSettings(realm).displayName()) + "</title>"
                + "<link rel=\"stylesheet\" href=\"" + html(patternfly) + "\">"
                + "<link rel=\"stylesheet\" href=\"manage.css\">"
                // No icon of its own: without this line the browser asks for /favicon.ico.
                + "<link rel=\"icon\" href=\"data:,\">"
                + "<script type=\"module\" src=\"app.js\"></script></head>"
                + "<body" + attributes + "><div id=\"app\" class=\"pf-v5-c-page\"></div></body></html>";
        return secured(Response.ok(page, "text/html; charset=utf-8")).header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("{file}")
    @Operation(summary = "The manage page's files", description = "Only the files the page uses." + ApiTags.PUBLIC)
    @APIResponse(responseCode = "200", description = "The file", content = @Content(mediaType = "*/*"))
    @APIResponse(responseCode = "404", description = "No such file")
    public Response file(@Parameter(description = "e.g. app.js") @PathParam("file") String name) {
        if (!FILES.contains(name)) {
            throw ApiException.notFound("No such file");
        }
        return secured(Response.ok(ServedFiles.read(ManageResource.class, FOLDER + name),
                        TYPES.get(name.substring(name.lastIndexOf('.') + 1))))
                .header("Cache-Control", "no-cache")
                .build();
    }

    /** The realm's language for this visitor (Keycloak's choice: kc_locale, its cookie, Accept-Language, the default). */
    private String language(RealmModel realm) {
        Locale locale = session.getContext().resolveLocale(null);
        String language = locale == null ? null : locale.getLanguage();
        return LANGUAGES.contains(language) ? language : "en";
    }


    private Response.ResponseBuilder secured(Response.ResponseBuilder response) {
        return ServedFiles.secured(session, response, CSP);
    }

    private static String attribute(String name, String value) {
        return " data-" + name + "=\"" + html(value) + "\"";
    }

}
