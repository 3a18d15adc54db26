package io.github.inviteonly.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Eventually;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.Mailbox;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The cluster suite of issue 15: two Keycloak nodes (A, B) in production mode on PostgreSQL with the
 * extension, and faults: a node killed with {@code kill -9} in the middle of a bulk call, the mail server
 * down and back, a full-cluster restart. Runs with {@code ./mvnw verify -Pcluster} (see {@link Cluster});
 * not part of the default build. The tests share the two nodes; those that kill or restart come last, and
 * each test starts again whatever an earlier one left dead.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String PASSWORD = "Cluster-Passw0rd!";
    private static final String NEW_PASSWORD = "Cluster-Passw0rd!2";
    private static final String RESET_LINK = "/password-resets/complete?token=";
    private static final String SIGN_UP_LINK = "/invitations/sign-up?token=";
    private static final Set<String> DELIVERY_RECORDS = Set.of("SENT", "FAILED", "PENDING");

    private static Cluster cluster;
    private static Node a;
    private static Node b;

    @BeforeAll
    static void startCluster() throws Exception {
        long started = System.nanoTime();
        cluster = Cluster.start();
        a = cluster.a;
        b = cluster.b;
        System.out.printf("[cluster] up in %d s%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void bothNodesUp() throws Exception {
        cluster.ensureUp();
    }

    // ---- 1 -----------------------------------------------------------------------------------------

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

    // ---- 2 -----------------------------------------------------------------------------------------

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

    // ---- 3 -----------------------------------------------------------------------------------------

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

    // ---- 5 -----------------------------------------------------------------------------------------

    @Test
    @Order(4)
    void withTheMailServerDownDeliveryIsRecordedFailedAndResendsDeliverWorkingLinksOnceItIsBack() {
        // An invitation, mailed while the server is up; its resend while down; its resend once back.
        String email = newEmail("mail");
        String id = invite(a, email).get("id").asText();
        String first = link(email, 1, SIGN_UP_LINK);
        // A reset request, recorded while up.
        Person person = newPerson("mail");
        assertEquals(202, ask(a, person.email(), newIp()).status());
        String resetId = awaitRequest(a, person, "PENDING").get("id").asText();

        cluster.mail.stop();
        try {
            Http.Reply resent = Http.postJson(b.adminApi() + "/invitations/" + id + "/resend", director(b), null);
            assertEquals(200, resent.status(), "resend while the mail server is down: " + resent);
            assertEquals("FAILED", settledDelivery(a, "/invitations/" + id, director(a)), "invitation resent while down");

            Http.Reply approved = Http.postJson(b.adminApi() + "/password-resets/" + resetId + "/approve", admin(b), null);
            assertEquals(200, approved.status(), "approve while the mail server is down: " + approved);
            assertEquals("FAILED", settledDelivery(a, "/password-resets/" + resetId, admin(a)), "reset approved while down");
            Http.Reply again = Http.postJson(a.adminApi() + "/password-resets/" + resetId + "/resend", admin(a), null);
            assertEquals(200, again.status(), "reset resend while down: " + again);
            assertEquals("FAILED", settledDelivery(b, "/password-resets/" + resetId, admin(b)), "reset resent while down");
        } finally {
            cluster.mail.start();
        }

        Http.Reply resent = Http.postJson(a.adminApi() + "/invitations/" + id + "/resend", director(a), null);
        assertEquals(200, resent.status(), "resend once the mail server is back: " + resent);
        assertEquals("SENT", settledDelivery(b, "/invitations/" + id, director(b)));
        String second = link(email, 2, SIGN_UP_LINK);
        assertOpensSignUp(b.onThisNode(second), email);
        assertEquals(404, browse(a.onThisNode(first)).statusCode(), "the first link is dead after the resends");
        assertEquals(201, accept(a, tokenOf(second)).status(), "the resent invitation is accepted");

        Http.Reply reissued = Http.postJson(b.adminApi() + "/password-resets/" + resetId + "/resend", admin(b), null);
        assertEquals(200, reissued.status(), "reset resend once the mail server is back: " + reissued);
        assertEquals("SENT", settledDelivery(a, "/password-resets/" + resetId, admin(a)));
        String reset = link(person.email(), 1, RESET_LINK);
        assertEquals(200, browse(a.onThisNode(reset)).statusCode(), "the reset link opens its page");
        Http.Reply completed = Http.postJson(b.api() + "/password-resets/complete", null,
                Map.of("token", tokenOf(reset), "newPassword", NEW_PASSWORD));
        assertEquals(204, completed.status(), "the reset link sets the password: " + completed);
        assertEquals(200, cluster.passwordGrant(a, person.email(), NEW_PASSWORD).status());
    }

    // ---- 4 -----------------------------------------------------------------------------------------

    @Test
    @Order(5)
    void nodeKilledDuringABulkCallLeavesNoMailedLinkToNothingAndNoRowWithoutItsMailRecord() throws Exception {
        String tag = "bulk-" + UUID.randomUUID().toString().substring(0, 8);
        int items = 100;
        List<Map<String, Object>> invitations = IntStream.range(0, items)
                .mapToObj(i -> Map.<String, Object>of("email", tag + "-" + i + "@example.org", "firstName", "Bulk", "lastName", "Invitee"))
                .toList();
        String director = director(b);
        CompletableFuture<HttpResponse<String>> call = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create(b.adminApi() + "/invitations/bulk"))
                        .header("Authorization", "Bearer " + director).header("Content-Type", "application/json")
                        .timeout(Duration.ofMinutes(5))
                        .POST(HttpRequest.BodyPublishers.ofString(Http.toJson(Map.of("invitations", invitations)))).build(),
                HttpResponse.BodyHandlers.ofString());

        // Kill B as soon as the first invitation email of the batch has arrived: mails are going out.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (bulkMails(tag).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        boolean answeredBeforeKill = call.isDone();
        cluster.kill(b);
        int mailsAtKill = bulkMails(tag).size();
        assertTrue(mailsAtKill > 0, "no invitation email of the bulk call within 2 minutes (answered: " + answeredBeforeKill + ")");

        JsonNode answer = null;
        try {
            HttpResponse<String> response = call.get(1, TimeUnit.MINUTES);
            assertEquals(200, response.statusCode(), "the bulk call's answer: " + response.body());
            answer = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
        } catch (java.util.concurrent.ExecutionException e) {
            // The kill closed the connection before an answer: nothing was acknowledged.
        }
        System.out.printf("[cluster] bulk: %d emails when B was killed; the call %s%n", mailsAtKill,
                answer == null ? "got no answer" : "had answered (" + answer.path("created").asText() + " created)");

        cluster.restart(b);
        List<String> problems = new ArrayList<>();

        // Every acknowledged item is there, on either node.
        Set<String> acknowledged = new HashSet<>();
        if (answer != null) {
            for (JsonNode result : answer.path("results")) {
                if (result.path("result").asText().equals("created")) {
                    String id = result.path("invitation").path("id").asText();
                    acknowledged.add(id);
                    int status = Http.get(a.adminApi() + "/invitations/" + id, director(a)).status();
                    if (status != 200) {
                        problems.add("created item " + result.path("index").asInt() + " (" + id + ") answers " + status + " after the kill");
                    }
                }
            }
        }

        // Every emailed link works: it opens the sign-up page (checked before any resend, which would end it).
        List<MimeMessage> mails = bulkMails(tag);
        for (int i = 0; i < mails.size(); i++) {
            String to = MailCatcher.recipients(mails.get(i)).get(0);
            String link = (i % 2 == 0 ? a : b).onThisNode(Mailbox.link(mails.get(i), SIGN_UP_LINK));
            String problem = signUpProblem(link, to);
            if (problem != null) {
                problems.add("the emailed link to " + to + " " + problem);
            }
        }

        // Every committed row has its mail record; SENT means the mail arrived; PENDING ones can be re-sent.
        JsonNode rows = Http.get(a.adminApi() + "/invitations?search=" + tag + "&max=1000", director(a)).json();
        Set<String> committed = new HashSet<>();
        List<JsonNode> pending = new ArrayList<>();
        for (JsonNode row : rows) {
            committed.add(row.path("id").asText());
            String email = row.path("email").asText();
            String delivery = row.path("emailDelivery").asText("");
            if (!DELIVERY_RECORDS.contains(delivery)) {
                problems.add("row " + email + " has no mail record: emailDelivery '" + delivery + "'");
            } else if (delivery.equals("SENT") && cluster.mail.to(email).isEmpty()) {
                problems.add("row " + email + " says SENT, but no mail arrived");
            } else if (delivery.equals("PENDING")) {
                pending.add(row);
            }
        }
        for (String id : acknowledged) {
            if (!committed.contains(id)) {
                problems.add("created item " + id + " is not in the list");
            }
        }
        System.out.printf("[cluster] bulk after the restart: %d rows, %d emails, %d rows PENDING%n", rows.size(), mails.size(), pending.size());
        List<JsonNode> resent = new ArrayList<>();
        for (JsonNode row : pending) {
            Http.Reply reply = Http.postJson(a.adminApi() + "/invitations/" + row.path("id").asText() + "/resend", director(a), null);
            if (reply.status() == 200) {
                resent.add(row);
            } else {
                problems.add("PENDING row " + row.path("email").asText() + " could not be re-sent: " + reply);
            }
        }
        for (JsonNode row : resent) {
            String email = row.path("email").asText();
            String delivery = settledDelivery(a, "/invitations/" + row.path("id").asText(), director(a));
            List<MimeMessage> received = cluster.mail.to(email);
            if (!delivery.equals("SENT") || received.isEmpty()) {
                problems.add("re-sent row " + email + ": emailDelivery " + delivery + ", " + received.size() + " mails");
                continue;
            }
            String problem = signUpProblem(Mailbox.link(received.get(received.size() - 1), SIGN_UP_LINK), email);
            if (problem != null) {
                problems.add("the re-sent link to " + email + " " + problem);
            }
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " problems after kill -9 of B during a bulk call of " + items + " (" + mailsAtKill
                    + " emails at the kill, " + rows.size() + " rows committed, answer: " + (answer != null) + "):\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(problems.size(), 15)))
                    + (problems.size() > 15 ? "\n  …" : ""));
        }
    }

    // ---- 6 -----------------------------------------------------------------------------------------

    @Test
    @Order(6)
    void aFullRestartKeepsEveryRowTokenAndLimit() throws Exception {
        // A window that will not end during the restart (the limits count per fixed window).
        long window = throttleWindowThatOutlasts(Duration.ofMinutes(20));

        // An open invitation and its token; a used token.
        String openEmail = newEmail("keep");
        invite(a, openEmail);
        String openToken = Mailbox.invitationToken(cluster.mail.await(openEmail, 1));
        String usedEmail = newEmail("used");
        invite(b, usedEmail);
        String usedToken = Mailbox.invitationToken(cluster.mail.await(usedEmail, 1));
        assertEquals(201, accept(a, usedToken).status());
        // An approved reset and its link.
        Person approved = newPerson("keep");
        assertEquals(202, ask(b, approved.email(), newIp()).status());
        String approvedId = awaitRequest(a, approved, "PENDING").get("id").asText();
        assertEquals(200, Http.postJson(a.adminApi() + "/password-resets/" + approvedId + "/approve", admin(a), null).status());
        String resetToken = tokenOf(link(approved.email(), 1, RESET_LINK));

        // The per-address limit (3 by default), used up across both nodes: each request recorded, then rejected.
        Person limited = newPerson("limit");
        for (int i = 0; i < 3; i++) {
            Node node = i % 2 == 0 ? a : b;
            assertEquals(202, ask(node, limited.email(), newIp()).status());
            String id = awaitRequest(node, limited, "PENDING").get("id").asText();
            assertEquals(200, Http.postJson(node.adminApi() + "/password-resets/" + id + "/reject", admin(node),
                    Map.of("reason", "test " + i)).status());
        }
        // The per-IP limit (20 by default), used up from one address across both nodes.
        String ip = newIp();
        for (int i = 0; i < 20; i++) {
            assertEquals(202, ask(i % 2 == 0 ? a : b, newEmail("nobody"), ip).status());
        }
        Person fromBusyIp = newPerson("busy-ip");
        // Before the restart both limits refuse: what the test sees when they hold.
        List<String> beforeRestart = overLimits(limited, fromBusyIp, ip);
        assertTrue(beforeRestart.isEmpty(), "the reset-request limits did not hold before the restart: " + beforeRestart);

        Map<String, String> invitationsBefore = statuses(a, "/invitations", director(a));
        Map<String, String> resetsBefore = statuses(a, "/password-resets", admin(a));
        long restartStarted = System.nanoTime();
        cluster.restartAll();
        System.out.printf("[cluster] full restart in %d s (throttle window %d s)%n",
                Duration.ofNanos(System.nanoTime() - restartStarted).toSeconds(), window);

        // Every row, as it was.
        assertEquals(invitationsBefore, statuses(b, "/invitations", director(b)), "invitations after the restart");
        assertEquals(resetsBefore, statuses(b, "/password-resets", admin(b)), "reset requests after the restart");
        // Every token: the open one still opens, the used one is still used, the reset link still sets the password.
        Http.Reply lookup = Http.postJson(b.api() + "/invitations/lookup", null, Map.of("token", openToken));
        assertEquals(200, lookup.status(), "the open invitation's token after the restart: " + lookup);
        assertOpensSignUp(a.onThisNode(link(openEmail, 1, SIGN_UP_LINK)), openEmail);
        Http.Reply replay = accept(b, usedToken);
        assertEquals("410 invitation_used", replay.status() + " " + replay.json().path("error").asText(), replay.toString());
        Http.Reply completed = Http.postJson(b.api() + "/password-resets/complete", null,
                Map.of("token", resetToken, "newPassword", NEW_PASSWORD));
        assertEquals(204, completed.status(), "the approved reset's link after the restart: " + completed);

        // Every limit: a 4th request for the address and a 21st from the IP still record nothing in the same window.
        List<String> recorded = overLimits(limited, fromBusyIp, ip);
        assertTrue(recorded.isEmpty(), "the reset-request limits did not survive the full restart (window " + window + " s): " + recorded);
    }

    /**
     * Asks once more for the address whose limit is used up (from a fresh IP) and once for a fresh person from
     * the IP whose limit is used up, then for a control person within every limit. Once the control is recorded
     * (asked last) and the events of the two over-limit requests say they were dropped, what they recorded: nothing,
     * when the limits hold.
     */
    private static List<String> overLimits(Person limited, Person fromBusyIp, String ip) {
        long limitedDropped = throttled(limited.email());
        long busyIpDropped = throttled(fromBusyIp.email());
        assertEquals(202, ask(b, limited.email(), newIp()).status());
        assertEquals(202, ask(a, fromBusyIp.email(), ip).status());
        Person control = newPerson("control");
        assertEquals(202, ask(b, control.email(), newIp()).status());
        awaitRequest(a, control, "PENDING");
        awaitThrottled(limited.email(), limitedDropped);
        awaitThrottled(fromBusyIp.email(), busyIpDropped);
        List<String> recorded = new ArrayList<>();
        List<JsonNode> ofLimited = requestsOf(limited);
        ofLimited.stream().filter(request -> !request.path("status").asText().equals("REJECTED"))
                .forEach(request -> recorded.add("a 4th request of " + limited.email() + ": " + request));
        if (ofLimited.size() != 3) {
            recorded.add(limited.email() + " has " + ofLimited.size() + " requests, not 3");
        }
        requestsOf(fromBusyIp).forEach(request -> recorded.add("a 21st request from " + ip + ": " + request));
        return recorded;
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private record Person(String id, String email) {
    }

    private static String newEmail(String kind) {
        return kind + "-" + UUID.randomUUID().toString().substring(0, 12) + "@example.org";
    }

    private static String newIp() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    private static String director(Node node) {
        return cluster.accessToken(node, DemoRealm.DAVE, DemoRealm.DAVE_PASSWORD);
    }

    private static String admin(Node node) {
        return cluster.accessToken(node, DemoRealm.ALICE, DemoRealm.ALICE_PASSWORD);
    }

    /** Dave invites the address (no roles) through the node; asserts 201. */
    private static JsonNode invite(Node node, String email) {
        Http.Reply reply = Http.postJson(node.adminApi() + "/invitations", director(node),
                Map.of("email", email, "firstName", "Ivy", "lastName", "Invitee"));
        assertEquals(201, reply.status(), "invitation on " + node.name + ": " + reply);
        return reply.json();
    }

    private static Http.Reply accept(Node node, String token) {
        return Http.postJson(node.api() + "/invitations/accept", null,
                Map.of("token", token, "password", PASSWORD, "firstName", "Ivy", "lastName", "Invitee"));
    }

    /** A user with a password, created by the admin API of node A. */
    private static Person newPerson(String kind) {
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
    private static Http.Reply ask(Node node, String email, String ip) {
        return Http.send(HttpRequest.newBuilder(URI.create(node.api() + "/password-resets"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", ip)
                .POST(HttpRequest.BodyPublishers.ofString(Http.toJson(Map.of("email", email)))));
    }

    private static List<JsonNode> requestsOf(Person person) {
        JsonNode all = Http.get(a.adminApi() + "/password-resets?max=1000", admin(a)).json();
        return StreamSupport.stream(all.spliterator(), false).filter(r -> r.path("userId").asText().equals(person.id())).toList();
    }

    private static JsonNode awaitRequest(Node node, Person person, String status) {
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
    private static void awaitThrottled(String login, long before) {
        Eventually.until("a throttled request of " + login, Cluster.WAIT, () -> throttled(login), seen -> seen > before);
    }

    /** How many requests for the address a limit dropped so far (their user events). */
    private static long throttled(String login) {
        JsonNode events = Http.get(a.adminRealm() + "/events?type=CUSTOM_REQUIRED_ACTION_ERROR&max=10000", cluster.masterToken(a)).json();
        return StreamSupport.stream(events.spliterator(), false).filter(event -> "throttled".equals(event.path("error").asText())
                && login.equals(event.path("details").path("username").asText())).count();
    }

    /** The record's emailDelivery once it is no longer PENDING (mail may go out after the answer). */
    private static String settledDelivery(Node node, String path, String bearer) {
        return Eventually.value("emailDelivery of " + path + " settled", Cluster.WAIT, () -> {
            String delivery = Http.get(node.adminApi() + path, bearer).json().path("emailDelivery").asText("");
            return delivery.equals("PENDING") ? null : delivery;
        });
    }

    /** id → status of every invitation or reset request, as the admin list shows them. */
    private static Map<String, String> statuses(Node node, String path, String bearer) {
        Map<String, String> statuses = new HashMap<>();
        JsonNode rows = Http.get(node.adminApi() + path + "?max=1000", bearer).json();
        assertTrue(rows.isArray() && !rows.isEmpty(), path + " on " + node.name + ": " + rows);
        rows.forEach(row -> statuses.put(row.path("id").asText(), row.path("status").asText()));
        return statuses;
    }

    private static Http.Reply refresh(Node node, String refreshToken) {
        return Http.postForm(node.realm() + "/protocol/openid-connect/token",
                Map.of("grant_type", "refresh_token", "client_id", "demo-app", "refresh_token", refreshToken));
    }

    /** The link in the {@code n}-th message to the address (waiting for it) whose URL contains the fragment. */
    private static String link(String email, int n, String fragment) {
        return Mailbox.link(cluster.mail.await(email, n), fragment);
    }

    private static String tokenOf(String link) {
        return link.substring(link.indexOf("token=") + "token=".length()).replaceAll("[&#].*", "");
    }

    private static List<MimeMessage> bulkMails(String tag) {
        return cluster.mail.matching(recipient -> recipient.startsWith(tag + "-"));
    }

    /** Opens the URL as a browser would (cookies, redirects followed). */
    private static HttpResponse<String> browse(String url) {
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
    private static String signUpProblem(String link, String email) {
        HttpResponse<String> page = browse(link);
        if (page.statusCode() != 200) {
            return "answers " + page.statusCode() + " at " + page.uri().getPath() + " (" + summary(page.body()) + ")";
        }
        if (!page.body().contains("kc-register-form") || !page.body().contains(email)) {
            return "lands on " + page.uri().getPath() + " without the registration form for " + email + " (" + summary(page.body()) + ")";
        }
        return null;
    }

    private static void assertOpensSignUp(String link, String email) {
        String problem = signUpProblem(link, email);
        assertFalse(problem != null, "the invitation link " + problem);
    }

    /** What a page says: its message (Keycloak's info and error pages), else its title. */
    private static String summary(String html) {
        for (String pattern : List.of("<p class=\"instruction\"[^>]*>(.*?)</p>", "<div[^>]*(?:alert|kc-feedback)[^>]*>(.*?)</div>", "<title>(.*?)</title>")) {
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(pattern, java.util.regex.Pattern.DOTALL).matcher(html);
            if (matcher.find()) {
                String text = matcher.group(1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim();
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return html.substring(0, Math.min(120, html.length()));
    }

    /**
     * The limits count per fixed window (multiples of {@code inviteOnly.passwordReset.throttleWindowSeconds},
     * 3600 by default). Keeps the default unless its current window ends within {@code needed}; then sets
     * the shortest longer window that does not, so that a limit taken before the restart still counts after it.
     */
    private static long throttleWindowThatOutlasts(Duration needed) {
        long now = System.currentTimeMillis() / 1000;
        long window = 3600;
        while (window - now % window < needed.toSeconds()) {
            window += 60;
        }
        if (window != 3600) {
            Http.Reply updated = Http.putJson(a.adminRealm(), cluster.masterToken(a), Http.toJson(
                    Map.of("attributes", Map.of("inviteOnly.passwordReset.throttleWindowSeconds", String.valueOf(window)))));
            assertEquals(204, updated.status(), "setting the throttle window: " + updated);
        }
        return window;
    }
}
