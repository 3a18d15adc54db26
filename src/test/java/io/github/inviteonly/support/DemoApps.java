package io.github.inviteonly.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The demo realm's two applications, played for real on this machine:
 * <ul>
 *   <li>{@code demo-app} on localhost:3000, a single-page app that signs in with keycloak-js (authorization
 *   code with PKCE, in the browser) and shows who is signed in;</li>
 *   <li>{@code demo-portal} on localhost:3001, a server-side web app that exchanges the code with its client
 *   secret and keeps the person in a cookie session.</li>
 * </ul>
 */
public final class DemoApps implements AutoCloseable {

    public static final String SPA = "http://localhost:3000/";
    public static final String PORTAL = "http://localhost:3001/";
    public static final String PORTAL_CLIENT = "demo-portal";

    private static final String KEYCLOAK_JS = "/META-INF/resources/webjars/keycloak-js/25.0.4/dist/keycloak.js";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer spa;
    private final HttpServer portal;
    private final String realmUrl;
    private final Map<String, String> portalSessions = new ConcurrentHashMap<>();
    private final Set<String> portalStates = ConcurrentHashMap.newKeySet();

    private DemoApps(String realmUrl) throws IOException {
        this.realmUrl = realmUrl;
        spa = HttpServer.create(new InetSocketAddress("localhost", 3000), 0);
        spa.createContext("/", this::spa);
        portal = HttpServer.create(new InetSocketAddress("localhost", 3001), 0);
        portal.createContext("/", this::portal);
        spa.start();
        portal.start();
    }

    /** @param realmUrl e.g. {@code http://localhost:8080/realms/demo} */
    public static DemoApps start(String realmUrl) {
        try {
            return new DemoApps(realmUrl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void spa(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case "/keycloak.js" -> {
                try (InputStream in = DemoApps.class.getResourceAsStream(KEYCLOAK_JS)) {
                    send(exchange, 200, "text/javascript", in.readAllBytes());
                }
            }
            case "/app.js" -> send(exchange, 200, "text/javascript", """
                    const page = document.body.dataset;
                    const keycloak = new Keycloak({ url: page.keycloak, realm: page.realm, clientId: 'demo-app' });
                    const who = document.getElementById('who');
                    keycloak.init({ onLoad: 'login-required', pkceMethod: 'S256', checkLoginIframe: false })
                      .then(function (signedIn) {
                        who.textContent = signedIn ? 'Signed in to the demo app as ' + keycloak.tokenParsed.email : 'Not signed in';
                      })
                      .catch(function (error) { who.textContent = 'Sign-in failed: ' + JSON.stringify(error); });
                    """.getBytes(StandardCharsets.UTF_8));
            case "/favicon.ico" -> send(exchange, 204, "image/x-icon", new byte[0]);
            default -> {
                URI realm = URI.create(realmUrl);
                String keycloak = realm.getScheme() + "://" + realm.getAuthority();
                String realmName = realm.getPath().substring(realm.getPath().lastIndexOf('/') + 1);
                send(exchange, 200, "text/html; charset=utf-8", ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<title>Demo app</title></head><body data-keycloak=\"" + keycloak + "\" data-realm=\"" + realmName + "\">"
                        + "<h1>Demo app</h1><p id=\"who\">Signing in…</p>"
                        + "<script src=\"/keycloak.js\"></script><script src=\"/app.js\"></script></body></html>")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void portal(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/favicon.ico")) {
            send(exchange, 204, "image/x-icon", new byte[0]);
            return;
        }
        if (path.equals("/callback")) {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (!portalStates.remove(String.valueOf(query.get("state")))) {
                send(exchange, 400, "text/plain", "Unknown state".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String email = exchangeCode(query.get("code"));
            String session = UUID.randomUUID().toString();
            portalSessions.put(session, email);
            exchange.getResponseHeaders().add("Set-Cookie", "portal=" + session + "; Path=/; HttpOnly");
            redirect(exchange, PORTAL);
            return;
        }
        String cookie = exchange.getRequestHeaders().getFirst("Cookie");
        String email = cookie == null ? null : portalSessions.get(cookie.replaceAll(".*portal=([^;]+).*", "$1"));
        if (email == null) {
            String state = UUID.randomUUID().toString();
            portalStates.add(state);
            redirect(exchange, realmUrl + "/protocol/openid-connect/auth?client_id=" + PORTAL_CLIENT
                    + "&response_type=code&scope=openid&state=" + state
                    + "&redirect_uri=" + URLEncoder.encode(PORTAL + "callback", StandardCharsets.UTF_8));
            return;
        }
        send(exchange, 200, "text/html; charset=utf-8", ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Demo portal</title></head><body><h1>Demo portal</h1><p>Signed in to the portal as "
                + email.replace("&", "&amp;").replace("<", "&lt;")
                + "</p></body></html>").getBytes(StandardCharsets.UTF_8));
    }

    /** The confidential client's half of the code flow: code and secret for tokens, on the server. */
    private String exchangeCode(String code) {
        Http.Reply tokens = Http.postForm(realmUrl + "/protocol/openid-connect/token", Map.of(
                "grant_type", "authorization_code", "code", code, "client_id", PORTAL_CLIENT,
                "client_secret", "demo-portal-secret", "redirect_uri", PORTAL + "callback"));
        if (tokens.status() != 200) {
            throw new IllegalStateException("Code exchange failed: " + tokens);
        }
        String payload = tokens.json().get("id_token").asText().split("\\.")[1];
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(payload));
            return claims.path("email").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        spa.stop(0);
        portal.stop(0);
    }
}
