package io.github.inviteonly.support;

import java.util.Map;

import org.keycloak.testframework.realm.ManagedRealm;

/** The demo realm of {@code realm-export.json} as the tests use it: its URLs and its users' logins. */
public final class DemoRealm {

    public static final String JSON = "/realm-export.json";
    public static final String CLIENT = "demo-app";

    public static final String ALICE = "alice@example.com";
    public static final String ALICE_PASSWORD = "alice-Passw0rd!";
    public static final String DAVE = "dave@example.com";
    public static final String DAVE_PASSWORD = "dave-Passw0rd!";
    public static final String SAM = "sam@example.com";
    public static final String SAM_PASSWORD = "sam-Passw0rd!";
    /** The help desk: two approvers who hold only {@code approve-password-resets}. */
    public static final String HANA = "hana@example.com";
    public static final String HANA_PASSWORD = "hana-Passw0rd!";
    public static final String HUGO = "hugo@example.com";
    public static final String HUGO_PASSWORD = "hugo-Passw0rd!";

    private DemoRealm() {
    }

    /** {@code /realms/{realm}/invite-only} of the given realm. */
    public static String api(ManagedRealm realm) {
        return realm.getBaseUrl() + "/invite-only";
    }

    /** {@code /admin/realms/{realm}/invite-only} of the given realm. */
    public static String adminApi(ManagedRealm realm) {
        return realm.getBaseUrl().replace("/realms/", "/admin/realms/") + "/invite-only";
    }

    /** The login page as the demo app opens it (authorization code with PKCE). */
    public static String loginPageUrl(ManagedRealm realm) {
        return realm.getBaseUrl() + "/protocol/openid-connect/auth?client_id=" + CLIENT
                + "&response_type=code&scope=openid&redirect_uri=http://localhost:3000/"
                + "&code_challenge_method=S256&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    }

    /** A password grant on {@code demo-app}, as scripts log in; returns the token response. */
    public static Http.Reply passwordGrant(ManagedRealm realm, String username, String password) {
        return Http.postForm(realm.getBaseUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password",
                "client_id", CLIENT,
                "username", username,
                "password", password,
                "scope", "openid"));
    }

    /** An access token of the user, or a failed assertion naming Keycloak's answer. */
    public static String accessToken(ManagedRealm realm, String username, String password) {
        Http.Reply reply = passwordGrant(realm, username, password);
        if (reply.status() != 200) {
            throw new AssertionError("Login of " + username + " failed: " + reply);
        }
        return reply.json().get("access_token").asText();
    }
}
