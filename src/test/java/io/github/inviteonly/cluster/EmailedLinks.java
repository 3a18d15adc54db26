package io.github.inviteonly.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The links in the cluster's emails, opened as a browser would, and what their pages say. */
final class EmailedLinks {

    static final String RESET_LINK = "/password-resets/complete?token=";
    static final String SIGN_UP_LINK = "/invitations/sign-up?token=";

    private EmailedLinks() {
    }

    static String tokenOf(String link) {
        return link.substring(link.indexOf("token=") + "token=".length()).replaceAll("[&#].*", "");
    }

    /** Opens the URL as a browser would (cookies, redirects followed). */
    static HttpResponse<String> browse(String url) {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();
        try {
            return browser.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("Opening " + url + " failed: " + e, e);
        }
    }

    /** Null when the invitation link lands on Keycloak's registration form for the address; else what happened. */
    static String signUpProblem(String link, String email) {
        HttpResponse<String> page = browse(link);
        if (page.statusCode() != 200) {
            return "answers " + page.statusCode() + " at " + page.uri().getPath() + " (" + summary(page.body()) + ")";
        }
        if (!page.body().contains("kc-register-form") || !page.body().contains(email)) {
            return "lands on " + page.uri().getPath() + " without the registration form for " + email + " (" + summary(page.body()) + ")";
        }
        return null;
    }

    static void assertOpensSignUp(String link, String email) {
        String problem = signUpProblem(link, email);
        assertFalse(problem != null, "the invitation link " + problem);
    }

    /** What a page says: its message (Keycloak's info and error pages), else its title. */
    private static String summary(String html) {
        for (String pattern : List.of("<p class=\"instruction\"[^>]*>(.*?)</p>", "<div[^>]*(?:alert|kc-feedback)[^>]*>(.*?)</div>", "<title>(.*?)</title>")) {
            Matcher matcher = Pattern.compile(pattern, Pattern.DOTALL).matcher(html);
            if (matcher.find()) {
                String text = matcher.group(1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim();
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return html.substring(0, Math.min(120, html.length()));
    }
}
