package io.github.inviteonly.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Signs a user in through one of the extension's public page clients as its page does (authorization
 * code with PKCE on Keycloak's login form), without a browser: the access token the page would hold.
 */
public final class PageSignIn {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");

    private PageSignIn() {
    }

    /** {@code redirectUri}: one of the client's pages, absolute. */
    public static String accessToken(ManagedRealm realm, String clientId, String redirectUri, String username, String password) {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String verifier = randomVerifier();
        String oidc = realm.getBaseUrl() + "/protocol/openid-connect";
        HttpResponse<String> loginPage = send(browser, HttpRequest.newBuilder(URI.create(oidc + "/auth?" + form(Map.of(
                "client_id", clientId, "response_type", "code", "scope", "openid", "redirect_uri", redirectUri,
                "code_challenge", challenge(verifier), "code_challenge_method", "S256", "state", "s")))).GET());
        Matcher action = FORM_ACTION.matcher(loginPage.body());
        if (!action.find()) {
            throw new AssertionError("No login form for " + clientId + ": " + loginPage.statusCode() + " " + loginPage.body());
        }
        // Keycloak marks its login cookies Secure, which Java's cookie store keeps from plain http: sent by hand.
        String cookies = loginPage.headers().allValues("Set-Cookie").stream().map(cookie -> cookie.split(";", 2)[0])
                .collect(Collectors.joining("; "));
        HttpResponse<String> loggedIn = send(browser, HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies)
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password)))));
        String location = loggedIn.headers().firstValue("Location").orElse("");
        Matcher code = CODE.matcher(location);
        if (loggedIn.statusCode() != 302 || !location.startsWith(redirectUri) || !code.find()) {
            throw new AssertionError("Sign-in of " + username + " failed: " + loggedIn.statusCode() + " " + location);
        }
        Http.Reply token = Http.postForm(oidc + "/token", Map.of("grant_type", "authorization_code", "client_id", clientId,
                "code", URLDecoder.decode(code.group(1), StandardCharsets.UTF_8), "redirect_uri", redirectUri, "code_verifier", verifier));
        if (token.status() != 200) {
            throw new AssertionError("Code exchange failed: " + token);
        }
        return token.json().get("access_token").asText();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String randomVerifier() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
