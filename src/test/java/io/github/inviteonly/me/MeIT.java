package io.github.inviteonly.me;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.OtherRealmConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

/** {@code GET /realms/{realm}/invite-only/me}, the origin API's {@code me/}, against the real server. */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class MeIT {

    private static final String ALLOWED_ORIGIN = "http://localhost:5173";
    private static final String FOREIGN_ORIGIN = "https://evil.example.org";

    @InjectRealm(fromJson = DemoRealm.JSON, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm demo;

    @InjectRealm(ref = "other", fromJson = DemoRealm.JSON, config = OtherRealmConfig.class)
    ManagedRealm other;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    @Test
    void meAnswersAliceWithHerAdminRole() {
        String token = DemoRealm.accessToken(demo, DemoRealm.ALICE, DemoRealm.ALICE_PASSWORD);

        Http.Reply reply = Http.get(DemoRealm.api(demo) + "/me", token);

        assertEquals(200, reply.status(), reply::toString);
        JsonNode me = reply.json();
        assertEquals(DemoRealm.ALICE, me.get("username").asText());
        assertEquals(DemoRealm.ALICE, me.get("email").asText());
        assertTrue(me.get("emailVerified").asBoolean());
        assertEquals("Alice", me.get("firstName").asText());
        assertEquals("Admin", me.get("lastName").asText());
        assertEquals(demo.admin().users().search(DemoRealm.ALICE, true).get(0).getId(), me.get("id").asText());
        assertTrue(names(me.get("realmRoles")).contains("admin"), me::toString);
        assertTrue(me.get("groups").isArray());
    }

    @Test
    void meShowsEachUserTheirOwnRoles() {
        String token = DemoRealm.accessToken(demo, DemoRealm.SAM, DemoRealm.SAM_PASSWORD);

        JsonNode me = Http.get(DemoRealm.api(demo) + "/me", token).json();

        List<String> roles = names(me.get("realmRoles"));
        assertTrue(roles.contains("sales"), roles::toString);
        assertTrue(!roles.contains("admin"), roles::toString);
    }

    @Test
    void meWithoutTokenIs401Json() {
        Http.Reply reply = Http.get(DemoRealm.api(demo) + "/me", null);

        assertUnauthorized(reply);
    }

    @Test
    void meWithGarbageTokenIs401Json() {
        Http.Reply reply = Http.get(DemoRealm.api(demo) + "/me", "not.a.token");

        assertUnauthorized(reply);
    }

    @Test
    void meWithExpiredTokenIs401Json() {
        String token = DemoRealm.accessToken(demo, DemoRealm.ALICE, DemoRealm.ALICE_PASSWORD);
        timeOffSet.set(3600);

        Http.Reply reply = Http.get(DemoRealm.api(demo) + "/me", token);

        assertUnauthorized(reply);
    }

    @Test
    void meWithTokenOfAnotherRealmIs401Json() {
        String otherToken = DemoRealm.accessToken(other, DemoRealm.ALICE, DemoRealm.ALICE_PASSWORD);
        assertEquals(200, Http.get(DemoRealm.api(other) + "/me", otherToken).status(), "valid in its own realm");

        Http.Reply reply = Http.get(DemoRealm.api(demo) + "/me", otherToken);

        assertUnauthorized(reply);
    }

    @Test
    void preflightFromTheClientsWebOriginIsAllowed() {
        Http.Reply reply = preflight(ALLOWED_ORIGIN);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(ALLOWED_ORIGIN, reply.header("Access-Control-Allow-Origin"));
        assertTrue(reply.header("Access-Control-Allow-Headers").contains("Authorization"));
        assertTrue(reply.header("Access-Control-Allow-Methods").contains("GET"));
    }

    @Test
    void preflightFromAForeignOriginIsRefused() {
        Http.Reply reply = preflight(FOREIGN_ORIGIN);

        assertEquals(403, reply.status(), reply::toString);
        assertNull(reply.header("Access-Control-Allow-Origin"));
    }

    @Test
    void callFromTheClientsWebOriginGetsCorsHeaders() {
        String token = DemoRealm.accessToken(demo, DemoRealm.ALICE, DemoRealm.ALICE_PASSWORD);

        Http.Reply reply = Http.send(request(token).header("Origin", ALLOWED_ORIGIN).GET());

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(ALLOWED_ORIGIN, reply.header("Access-Control-Allow-Origin"));
    }

    @Test
    void callFromAForeignOriginIsRefused() {
        String token = DemoRealm.accessToken(demo, DemoRealm.ALICE, DemoRealm.ALICE_PASSWORD);

        Http.Reply reply = Http.send(request(token).header("Origin", FOREIGN_ORIGIN).GET());

        assertEquals(403, reply.status(), reply::toString);
        assertNull(reply.header("Access-Control-Allow-Origin"));
    }

    private HttpRequest.Builder request(String token) {
        return HttpRequest.newBuilder(URI.create(DemoRealm.api(demo) + "/me")).header("Authorization", "Bearer " + token);
    }

    private Http.Reply preflight(String origin) {
        return Http.send(HttpRequest.newBuilder(URI.create(DemoRealm.api(demo) + "/me"))
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }

    private static void assertUnauthorized(Http.Reply reply) {
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("invalid_token", reply.json().path("error").asText(), reply::toString);
        assertTrue(reply.header("WWW-Authenticate").startsWith("Bearer"), reply::toString);
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }
}
