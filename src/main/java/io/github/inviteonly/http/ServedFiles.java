package io.github.inviteonly.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.ws.rs.core.Response;
import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.KeycloakSession;

/** The pages and files that the extension serves from its JAR (the API docs, the manage page). */
public final class ServedFiles {

    private ServedFiles() {
    }

    /** A file of the JAR, or 404. */
    public static byte[] read(Class<?> owner, String path) {
        try (InputStream in = owner.getResourceAsStream(path)) {
            if (in == null) {
                throw ApiException.notFound("No such file");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Our own security headers instead of the realm's: Keycloak's would replace {@code csp} with the login
     * pages' policy, which is not written for these pages.
     */
    public static Response.ResponseBuilder secured(KeycloakSession session, Response.ResponseBuilder response, String csp) {
        session.getProvider(SecurityHeadersProvider.class).options().skipHeaders();
        return response.header("Content-Security-Policy", csp)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Robots-Tag", "none");
    }

    /** Text for an HTML element or a double-quoted attribute. */
    public static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
