package io.github.inviteonly.cluster;

import static io.github.inviteonly.cluster.EmailedLinks.RESET_LINK;
import static io.github.inviteonly.cluster.EmailedLinks.SIGN_UP_LINK;
import static io.github.inviteonly.cluster.EmailedLinks.assertOpensSignUp;
import static io.github.inviteonly.cluster.EmailedLinks.tokenOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.Mailbox;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The cluster suite's full-cluster restart (see {@link Cluster}): both nodes stopped as an operator would,
 * then started again. Last of the suite's classes, since it restarts everything.
 */
@Order(3)
class ClusterFullRestartIT extends ClusterTest {

    ClusterFullRestartIT(Cluster cluster) {
        super(cluster);
    }

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
        // The per-IP limit (200 by default), used up from one address across both nodes.
        String ip = newIp();
        for (int i = 0; i < 200; i++) {
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

        // Every limit: a 4th request for the address and a 201st from the IP still record nothing in the same window.
        List<String> recorded = overLimits(limited, fromBusyIp, ip);
        assertTrue(recorded.isEmpty(), "the reset-request limits did not survive the full restart (window " + window + " s): " + recorded);
    }

    /**
     * Asks once more for the address whose limit is used up (from a fresh IP) and once for a fresh person from
     * the IP whose limit is used up, then for a control person within every limit. Once the control is recorded
     * (asked last) and the events of the two over-limit requests say they were dropped, what they recorded: nothing,
     * when the limits hold.
     */
    private List<String> overLimits(Person limited, Person fromBusyIp, String ip) {
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
        requestsOf(fromBusyIp).forEach(request -> recorded.add("a 201st request from " + ip + ": " + request));
        return recorded;
    }

    /**
     * The limits count per fixed window (multiples of {@code inviteOnly.passwordReset.throttleWindowSeconds},
     * 3600 by default). Keeps the default unless its current window ends within {@code needed}; then sets
     * the shortest longer window that does not, so that a limit taken before the restart still counts after it.
     */
    private long throttleWindowThatOutlasts(Duration needed) {
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
