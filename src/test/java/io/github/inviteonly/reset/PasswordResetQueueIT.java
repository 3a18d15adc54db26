package io.github.inviteonly.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.settings.RealmSettings;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.PasswordResetFixture;
import io.github.inviteonly.support.PasswordResets.Person;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/** What the approvers' queue needs: pending first, each user's recent requests, a chosen link lifetime within bounds. */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class PasswordResetQueueIT extends PasswordResetFixture {

    @Test
    void pendingFirstPutsWaitingRequestsBeforeDecidedOnesAndTheDefaultStaysNewestFirst() {
        String alice = resets.adminToken();
        Person waiting = resets.newPerson();
        String waitingId = resets.askAndAwait(waiting).get("id").asText();
        Person decided = resets.newPerson();
        String decidedId = resets.askAndAwait(decided).get("id").asText();
        assertEquals(200, resets.reject(decidedId, alice, Map.of()).status());

        List<String> newestFirst = ids(Http.get(resets.url() + "?max=1000", alice).json());
        assertTrue(newestFirst.indexOf(decidedId) < newestFirst.indexOf(waitingId), newestFirst::toString);
        assertEquals(newestFirst, ids(Http.get(resets.url() + "?max=1000&order=newest-first", alice).json()));

        JsonNode pendingFirst = Http.get(resets.url() + "?max=1000&order=pending-first", alice).json();
        List<String> order = ids(pendingFirst);
        assertTrue(order.indexOf(waitingId) < order.indexOf(decidedId), order::toString);
        boolean pastPending = false;
        for (JsonNode request : pendingFirst) {
            boolean pending = request.get("status").asText().equals("PENDING");
            if (!pending) {
                pastPending = true;
            } else {
                assertTrue(!pastPending, "a PENDING request after a decided one: " + request);
            }
        }
        List<String> secondPage = ids(Http.get(resets.url() + "?first=1&max=1&order=pending-first", alice).json());
        assertEquals(order.subList(1, 2), secondPage, "paged in the database, in the same order");

        Http.Reply unknown = Http.get(resets.url() + "?order=oldest", alice);
        assertEquals(400, unknown.status(), unknown::toString);
        assertEquals("order", unknown.json().get("field").asText());
    }

    @Test
    void eachRequestShowsHowManyItsUserMadeInTheLast30Days() {
        String alice = resets.adminToken();
        Person person = resets.newPerson();
        JsonNode first = resets.askAndAwait(person);
        assertEquals(1, first.get("requestsLast30Days").asLong(), first::toString);
        assertEquals(200, resets.reject(first.get("id").asText(), alice, Map.of()).status());
        JsonNode second = resets.askAndAwait(person);
        assertEquals(2, second.get("requestsLast30Days").asLong(), second::toString);
        assertEquals(2, Http.get(resets.url() + "/" + first.get("id").asText(), alice).json().get("requestsLast30Days").asLong());
        Person other = resets.newPerson();
        assertEquals(1, resets.askAndAwait(other).get("requestsLast30Days").asLong(), "counted per user");
    }

    @Test
    void approveAndRejectNeedNoBodyAsInTheWorkflowsCurlAndRefuseABodyOfAnotherType() {
        String alice = resets.adminToken();
        String approveId = resets.askAndAwait(resets.newPerson()).get("id").asText();
        String rejectId = resets.askAndAwait(resets.newPerson()).get("id").asText();
        for (String id : List.of(approveId, rejectId)) {
            // A form or multipart body is not read at all (a broken multipart body was a 500).
            Http.Reply multipart = Http.send(HttpRequest.newBuilder(URI.create(resets.url() + "/" + id + "/reject"))
                    .header("Authorization", "Bearer " + alice).header("Content-Type", "multipart/form-data; boundary=x")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"x\"}")));
            assertEquals(415, multipart.status(), multipart::toString);
            assertEquals("PENDING", Http.get(resets.url() + "/" + id, alice).json().get("status").asText());
        }
        // curl -X POST with neither body nor Content-Type, as docs/workflows.md does it.
        Http.Reply approved = Http.send(HttpRequest.newBuilder(URI.create(resets.url() + "/" + approveId + "/approve"))
                .header("Authorization", "Bearer " + alice).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, approved.status(), approved::toString);
        Http.Reply rejected = Http.send(HttpRequest.newBuilder(URI.create(resets.url() + "/" + rejectId + "/reject"))
                .header("Authorization", "Bearer " + alice).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, rejected.status(), rejected::toString);
        assertEquals("REJECTED", rejected.json().get("status").asText());
    }

    @Test
    void anApproverMayChooseTheLinkLifetimeWithinTheRealmsBounds() {
        String alice = resets.adminToken();
        JsonNode options = Http.get(resets.url() + "/options", alice).json();
        assertEquals(1200, options.get("linkLifetimeSeconds").asLong(), options::toString);
        assertEquals(300, options.get("minLinkLifetimeSeconds").asLong(), options::toString);
        assertEquals(86400, options.get("maxLinkLifetimeSeconds").asLong(), options::toString);
        assertEquals(403, Http.get(resets.url() + "/options", DemoRealm.accessToken(demo, DemoRealm.SAM, DemoRealm.SAM_PASSWORD)).status());

        String id = resets.askAndAwait(resets.newPerson()).get("id").asText();
        for (long outside : List.of(299L, 86401L)) {
            Http.Reply refused = Http.postJson(resets.url() + "/" + id + "/approve", alice, Map.of("expiresInSeconds", outside));
            assertEquals(400, refused.status(), refused::toString);
            assertEquals("expiresInSeconds", refused.json().get("field").asText());
        }
        long before = System.currentTimeMillis();
        Http.Reply approved = Http.postJson(resets.url() + "/" + id + "/approve", alice, Map.of("expiresInSeconds", 3600));
        assertEquals(200, approved.status(), approved::toString);
        long expiresAt = approved.json().get("expiresAt").asLong();
        assertTrue(expiresAt >= before + 3600_000 && expiresAt <= System.currentTimeMillis() + 3600_000, approved::toString);

        String defaultId = resets.askAndAwait(resets.newPerson()).get("id").asText();
        before = System.currentTimeMillis();
        JsonNode byDefault = resets.approve(defaultId, alice).json();
        assertTrue(byDefault.get("expiresAt").asLong() <= System.currentTimeMillis() + 1200_000
                && byDefault.get("expiresAt").asLong() >= before + 1200_000, byDefault::toString);

        RealmRepresentation realm = demo.admin().toRepresentation();
        Map<String, String> saved = realm.getAttributes() == null ? Map.of() : new HashMap<>(realm.getAttributes());
        Map<String, String> bounded = new HashMap<>(saved);
        bounded.put(RealmSettings.RESET_MIN_LINK_LIFETIME, "600");
        bounded.put(RealmSettings.RESET_MAX_LINK_LIFETIME, "7200");
        realm.setAttributes(bounded);
        demo.admin().update(realm);
        try {
            JsonNode narrowed = Http.get(resets.url() + "/options", alice).json();
            assertEquals(600, narrowed.get("minLinkLifetimeSeconds").asLong(), narrowed::toString);
            assertEquals(7200, narrowed.get("maxLinkLifetimeSeconds").asLong(), narrowed::toString);
            String boundedId = resets.askAndAwait(resets.newPerson()).get("id").asText();
            assertEquals(400, Http.postJson(resets.url() + "/" + boundedId + "/approve", alice, Map.of("expiresInSeconds", 3601 * 2)).status());
            assertEquals(400, Http.postJson(resets.url() + "/" + boundedId + "/approve", alice, Map.of("expiresInSeconds", 599)).status());
            assertEquals(200, Http.postJson(resets.url() + "/" + boundedId + "/approve", alice, Map.of("expiresInSeconds", 7200)).status());
        } finally {
            RealmRepresentation restore = demo.admin().toRepresentation();
            Map<String, String> attributes = new HashMap<>(restore.getAttributes());
            attributes.put(RealmSettings.RESET_MIN_LINK_LIFETIME, saved.getOrDefault(RealmSettings.RESET_MIN_LINK_LIFETIME, ""));
            attributes.put(RealmSettings.RESET_MAX_LINK_LIFETIME, saved.getOrDefault(RealmSettings.RESET_MAX_LINK_LIFETIME, ""));
            restore.setAttributes(attributes);
            demo.admin().update(restore);
        }
    }

    private static List<String> ids(JsonNode requests) {
        List<String> ids = new ArrayList<>();
        requests.forEach(request -> ids.add(request.get("id").asText()));
        return ids;
    }
}
