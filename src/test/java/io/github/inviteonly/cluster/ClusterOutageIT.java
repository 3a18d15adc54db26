package io.github.inviteonly.cluster;

import static io.github.inviteonly.cluster.EmailedLinks.RESET_LINK;
import static io.github.inviteonly.cluster.EmailedLinks.SIGN_UP_LINK;
import static io.github.inviteonly.cluster.EmailedLinks.assertOpensSignUp;
import static io.github.inviteonly.cluster.EmailedLinks.browse;
import static io.github.inviteonly.cluster.EmailedLinks.signUpProblem;
import static io.github.inviteonly.cluster.EmailedLinks.tokenOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.inviteonly.support.Eventually;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.Mailbox;
import io.github.inviteonly.support.SilentMailServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The cluster suite's outages of one part (see {@link Cluster}): the mail server down and back, and a node
 * killed with {@code kill -9} in the middle of a bulk call, and between its commit and its emails. Each test starts again what an earlier one left dead.
 */
@Order(2)
class ClusterOutageIT extends ClusterTest {

    private static final Set<String> DELIVERY_RECORDS = Set.of("SENT", "FAILED", "PENDING");

    ClusterOutageIT(Cluster cluster) {
        super(cluster);
    }

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
            answer = new ObjectMapper().readTree(response.body());
        } catch (ExecutionException e) {
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

    /**
     * {@code kill -9} of B after its bulk call has committed and answered, while its emails hang at a mail
     * server that never answers: no email went out, every row says PENDING. After the restart the sweeps of
     * both nodes (the realm's setting lowered to a few seconds) mail each row once, with a working link.
     */
    @Test
    @Order(6)
    void nodeKilledBetweenCommitAndSendLeavesItsEmailsPendingAndTheSweepSendsEachOnceAfterTheRestart() throws Exception {
        String tag = "unsent-" + UUID.randomUUID().toString().substring(0, 8);
        int items = 40;
        List<Map<String, Object>> invitations = IntStream.range(0, items)
                .mapToObj(i -> Map.<String, Object>of("email", tag + "-" + i + "@example.org", "firstName", "Unsent")).toList();
        try (SilentMailServer silent = new SilentMailServer()) {
            pointMailAt(silent.port());
            try {
                Http.Reply answer = Http.postJson(b.adminApi() + "/invitations/bulk", director(b), Map.of("invitations", invitations));
                assertEquals(200, answer.status(), "the bulk call: " + answer);
                assertEquals(items, answer.json().path("created").asInt(), answer::toString);
                silent.awaitSends(1); // B's first emails hang there
                cluster.kill(b);
            } finally {
                pointMailAt(cluster.mail.port());
            }
        }
        JsonNode rows = Http.get(a.adminApi() + "/invitations?emailDelivery=PENDING&search=" + tag + "&max=1000", director(a)).json();
        assertEquals(items, rows.size(), "every row PENDING after the kill: " + rows);
        assertTrue(bulkMails(tag).isEmpty(), "nothing was mailed");

        cluster.restart(b);
        setResendPendingAfter("3"); // now both nodes' sweeps take the rows, each row one node's
        try {
            Eventually.until("every row mailed by the sweep and recorded SENT", Duration.ofMinutes(3),
                    () -> Http.get(a.adminApi() + "/invitations/count?emailDelivery=SENT&search=" + tag, director(a)).raw().body(),
                    String.valueOf(items)::equals);
            Thread.sleep(3 * Cluster.SWEEP_INTERVAL.toMillis()); // later rounds of both nodes' sweeps send nothing more
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < items; i++) {
                String email = tag + "-" + i + "@example.org";
                List<MimeMessage> received = cluster.mail.to(email);
                if (received.size() != 1) {
                    problems.add(email + " received " + received.size() + " emails");
                    continue;
                }
                String text = Mailbox.text(received.get(0));
                if (!text.contains("replaces any earlier one")) {
                    problems.add(email + ": the email does not say that it replaces earlier ones");
                }
                String problem = signUpProblem((i % 2 == 0 ? a : b).onThisNode(Mailbox.link(received.get(0), SIGN_UP_LINK)), email);
                if (problem != null) {
                    problems.add("the link to " + email + " " + problem);
                }
            }
            assertTrue(problems.isEmpty(), problems.size() + " problems after the sweep:\n  " + String.join("\n  ", problems));
        } finally {
            setResendPendingAfter("300");
        }
    }

    /** The demo realm's SMTP port (its other settings kept). */
    private void pointMailAt(int port) {
        JsonNode realm = Http.get(a.adminRealm(), cluster.masterToken(a)).json();
        Map<String, Object> smtp = new ObjectMapper().convertValue(realm.path("smtpServer"), Map.class);
        smtp.put("port", String.valueOf(port));
        Http.Reply updated = Http.putJson(a.adminRealm(), cluster.masterToken(a), Http.toJson(Map.of("smtpServer", smtp)));
        assertEquals(204, updated.status(), "pointing the realm's mail at port " + port + ": " + updated);
    }

    private void setResendPendingAfter(String seconds) {
        Http.Reply updated = Http.putJson(a.adminRealm(), cluster.masterToken(a), Http.toJson(
                Map.of("attributes", Map.of("inviteOnly.email.resendPendingAfterSeconds", seconds))));
        assertEquals(204, updated.status(), "setting inviteOnly.email.resendPendingAfterSeconds: " + updated);
    }

    private List<MimeMessage> bulkMails(String tag) {
        return cluster.mail.matching(recipient -> recipient.startsWith(tag + "-"));
    }
}
