package io.github.inviteonly.cluster;

import static io.github.inviteonly.cluster.EmailedLinks.RESET_LINK;
import static io.github.inviteonly.cluster.EmailedLinks.SIGN_UP_LINK;
import static io.github.inviteonly.cluster.EmailedLinks.browse;
import static io.github.inviteonly.cluster.EmailedLinks.tokenOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.Mailbox;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The cluster suite of issue 15, on two nodes (A, B) in production mode on PostgreSQL (see {@link Cluster}):
 * what is started on one node is finished on the other, and a race across both has one winner. Runs with
 * {@code ./mvnw verify -Pcluster}, first of the suite's classes (the faults come after).
 */
@Order(1)
class ClusterCrossNodeIT extends ClusterTest {

    ClusterCrossNodeIT(Cluster cluster) {
        super(cluster);
    }

    @Test
    @Order(1)
    void invitationCreatedOnAIsAcceptedOnBAndItsReplayOnAIsRefused() {
        String email = newEmail("one");
        JsonNode invitation = invite(a, email);
        String token = Mailbox.invitationToken(cluster.mail.await(email, 1));

        Http.Reply lookup = Http.postJson(b.api() + "/invitations/lookup", null, Map.of("token", token));
        assertEquals(200, lookup.status(), "lookup on B: " + lookup);
        assertEquals(email, lookup.json().path("email").asText());
        Http.Reply accepted = accept(b, token);
        assertEquals(201, accepted.status(), "accept on B: " + accepted);

        Http.Reply replay = accept(a, token);
        assertEquals(410, replay.status(), "replay on A: " + replay);
        assertEquals("invitation_used", replay.json().path("error").asText(), replay.toString());
        assertEquals(410, browse(a.onThisNode(link(email, 1, SIGN_UP_LINK))).statusCode(), "the emailed link on A after use");

        assertEquals(200, cluster.passwordGrant(a, email, PASSWORD).status(), "the new user signs in on A");
        JsonNode onA = Http.get(a.adminApi() + "/invitations/" + invitation.get("id").asText(), director(a)).json();
        assertEquals("ACCEPTED", onA.path("status").asText(), onA.toString());
        assertEquals(accepted.json().path("id").asText(), onA.path("userId").asText(), onA.toString());
    }

    @Test
    @Order(2)
    void fortyConcurrentAcceptsOfOneInvitationAcrossBothNodesMakeExactlyOneUser() throws Exception {
        String email = newEmail("race");
        JsonNode invitation = invite(b, email);
        String token = Mailbox.invitationToken(cluster.mail.await(email, 1));

        int attempts = 40;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<Http.Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                Node node = i % 2 == 0 ? a : b;
                replies.add(pool.submit(() -> {
                    gate.await();
                    return accept(node, token);
                }));
            }
            gate.countDown();
            List<String> outcomes = new ArrayList<>();
            int created = 0;
            for (int i = 0; i < attempts; i++) {
                Http.Reply reply = replies.get(i).get(5, TimeUnit.MINUTES);
                String outcome = reply.status() + " " + reply.json().path("error").asText("");
                outcomes.add((i % 2 == 0 ? "A " : "B ") + outcome);
                if (reply.status() == 201) {
                    created++;
                } else if (!outcome.equals("410 invitation_used") && !outcome.equals("409 invitation_busy")) {
                    fail("attempt " + i + " answered neither 201 nor 410 invitation_used nor 409 invitation_busy: " + reply);
                }
            }
            System.out.println("[cluster] 40 accepts: " + outcomes);
            assertEquals(1, created, "exactly one accept creates the account: " + outcomes);
        } finally {
            pool.shutdownNow();
        }

        JsonNode users = Http.get(a.adminRealm() + "/users?exact=true&email=" + email, admin(a)).json();
        assertEquals(1, users.size(), "users with the invitee's address: " + users);
        JsonNode onB = Http.get(b.adminApi() + "/invitations/" + invitation.get("id").asText(), director(b)).json();
        assertEquals("ACCEPTED", onB.path("status").asText(), onB.toString());
        assertEquals(users.get(0).get("id").asText(), onB.path("userId").asText(), onB.toString());
    }

    @Test
    @Order(3)
    void resetRequestedOnAApprovedOnBCompletedOnAEndsTheOldSessionsOnBothNodes() {
        Person person = newPerson("reset");
        JsonNode tokens = cluster.passwordGrant(a, person.email(), PASSWORD).json();
        String refreshToken = tokens.path("refresh_token").asText();
        String accessToken = tokens.path("access_token").asText();
        // Before: A's refresh token works on B too (one issuer for the cluster), so "dead on B" below means something.
        assertEquals(200, refresh(b, refreshToken).status(), "before the reset, A's refresh token works on B");
        assertEquals(200, Http.get(b.api() + "/me", accessToken).status(), "before the reset, /me on B");

        assertEquals(202, ask(a, person.email(), newIp()).status());
        String id = awaitRequest(b, person, "PENDING").get("id").asText();
        Http.Reply approved = Http.postJson(b.adminApi() + "/password-resets/" + id + "/approve", admin(b), null);
        assertEquals(200, approved.status(), "approve on B: " + approved);

        String link = link(person.email(), 1, RESET_LINK);
        HttpResponse<String> page = browse(a.onThisNode(link));
        assertEquals(200, page.statusCode(), "the emailed link on A opens the page: " + page.body());
        assertTrue(page.body().contains("password-new"), "the page asks for the new password");
        Http.Reply completed = Http.postJson(a.api() + "/password-resets/complete", null,
                Map.of("token", tokenOf(link), "newPassword", NEW_PASSWORD));
        assertEquals(204, completed.status(), "complete on A: " + completed);

        for (Node node : List.of(a, b)) {
            Http.Reply refreshed = refresh(node, refreshToken);
            assertEquals(400, refreshed.status(), "the old refresh token is dead on " + node.name + ": " + refreshed);
            assertEquals(401, Http.get(node.api() + "/me", accessToken).status(), "the old session is over on " + node.name);
            JsonNode request = Http.get(node.adminApi() + "/password-resets/" + id, admin(node)).json();
            assertEquals("COMPLETED", request.path("status").asText(), node.name + ": " + request);
        }
        assertEquals(200, cluster.passwordGrant(b, person.email(), NEW_PASSWORD).status(), "the new password on B");
        Http.Reply old = cluster.passwordGrant(a, person.email(), PASSWORD);
        assertEquals("invalid_grant", old.json().path("error").asText(), "the old password on A: " + old);
    }
}
