package io.github.inviteonly.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Eventually;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.Mailbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the cluster suite's test classes share: the one {@link SharedCluster}, both nodes up before each
 * test (whatever an earlier test left dead is started again), and the calls the tests make on the nodes.
 */
@ExtendWith(SharedCluster.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ClusterTest {

    static final String PASSWORD = "Cluster-Passw0rd!";
    static final String NEW_PASSWORD = "Cluster-Passw0rd!2";

    final Cluster cluster;
    final Node a;
    final Node b;

    ClusterTest(Cluster cluster) {
        this.cluster = cluster;
        this.a = cluster.a;
        this.b = cluster.b;
    }

    @BeforeEach
    void bothNodesUp() throws Exception {
        cluster.ensureUp();
    }

    record Person(String id, String email) {
    }

    static String newEmail(String kind) {
        return kind + "-" + UUID.randomUUID().toString().substring(0, 12) + "@example.org";
    }

    static String newIp() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    String director(Node node) {
        return cluster.accessToken(node, DemoRealm.DAVE, DemoRealm.DAVE_PASSWORD);
    }

    String admin(Node node) {
        return cluster.accessToken(node, DemoRealm.ALICE, DemoRealm.ALICE_PASSWORD);
    }

    /** Dave invites the address (no roles) through the node; asserts 201. */
    JsonNode invite(Node node, String email) {
        Http.Reply reply = Http.postJson(node.adminApi() + "/invitations", director(node),
                Map.of("email", email, "firstName", "Ivy", "lastName", "Invitee"));
        assertEquals(201, reply.status(), "invitation on " + node.name + ": " + reply);
        return reply.json();
    }

    Http.Reply accept(Node node, String token) {
        return Http.postJson(node.api() + "/invitations/accept", null,
                Map.of("token", token, "password", PASSWORD, "firstName", "Ivy", "lastName", "Invitee"));
    }

    /** A user with a password, created by the admin API of node A. */
    Person newPerson(String kind) {
        String email = newEmail(kind);
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", email);
        user.put("email", email);
        user.put("firstName", "Pat");
        user.put("lastName", "Person");
        user.put("enabled", true);
        user.put("emailVerified", true);
        user.put("credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)));
        Http.Reply created = Http.postJson(a.adminRealm() + "/users", cluster.masterToken(a), user);
        assertEquals(201, created.status(), "creating " + email + ": " + created);
        String location = created.header("Location");
        return new Person(location.substring(location.lastIndexOf('/') + 1), email);
    }

    /** A reset request from the given client IP (the nodes trust X-Forwarded-For). */
    Http.Reply ask(Node node, String email, String ip) {
        return Http.send(HttpRequest.newBuilder(URI.create(node.api() + "/password-resets"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", ip)
                .POST(HttpRequest.BodyPublishers.ofString(Http.toJson(Map.of("email", email)))));
    }

    List<JsonNode> requestsOf(Person person) {
        JsonNode all = Http.get(a.adminApi() + "/password-resets?max=1000", admin(a)).json();
        return StreamSupport.stream(all.spliterator(), false).filter(r -> r.path("userId").asText().equals(person.id())).toList();
    }

    JsonNode awaitRequest(Node node, Person person, String status) {
        String bearer = admin(node);
        return Eventually.value(status + " reset request of " + person.email() + " on " + node.name, Cluster.WAIT, () -> {
            for (JsonNode request : Http.get(node.adminApi() + "/password-resets?status=" + status + "&max=1000", bearer).json()) {
                if (request.path("userId").asText().equals(person.id())) {
                    return request;
                }
            }
            return null;
        });
    }

    /** One more request for the address was answered and dropped by a limit than {@code before}: its user event says so. */
    void awaitThrottled(String login, long before) {
        Eventually.until("a throttled request of " + login, Cluster.WAIT, () -> throttled(login), seen -> seen > before);
    }

    /** How many requests for the address a limit dropped so far (their user events). */
    long throttled(String login) {
        JsonNode events = Http.get(a.adminRealm() + "/events?type=CUSTOM_REQUIRED_ACTION_ERROR&max=10000", cluster.masterToken(a)).json();
        return StreamSupport.stream(events.spliterator(), false).filter(event -> "throttled".equals(event.path("error").asText())
                && login.equals(event.path("details").path("username").asText())).count();
    }

    /** The record's emailDelivery once it is no longer PENDING (mail may go out after the answer). */
    String settledDelivery(Node node, String path, String bearer) {
        return Eventually.value("emailDelivery of " + path + " settled", Cluster.WAIT, () -> {
            String delivery = Http.get(node.adminApi() + path, bearer).json().path("emailDelivery").asText("");
            return delivery.equals("PENDING") ? null : delivery;
        });
    }

    /** id → status of every invitation or reset request, as the admin list shows them. */
    Map<String, String> statuses(Node node, String path, String bearer) {
        Map<String, String> statuses = new HashMap<>();
        JsonNode rows = Http.get(node.adminApi() + path + "?max=1000", bearer).json();
        assertTrue(rows.isArray() && !rows.isEmpty(), path + " on " + node.name + ": " + rows);
        rows.forEach(row -> statuses.put(row.path("id").asText(), row.path("status").asText()));
        return statuses;
    }

    Http.Reply refresh(Node node, String refreshToken) {
        return Http.postForm(node.realm() + "/protocol/openid-connect/token",
                Map.of("grant_type", "refresh_token", "client_id", "demo-app", "refresh_token", refreshToken));
    }

    /** The link in the {@code n}-th message to the address (waiting for it) whose URL contains the fragment. */
    String link(String email, int n, String fragment) {
        return Mailbox.link(cluster.mail.await(email, n), fragment);
    }
}
