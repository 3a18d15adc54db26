package io.github.inviteonly.bench;

import static io.github.inviteonly.bench.Benchmark.BASE;
import static io.github.inviteonly.bench.Benchmark.REALM;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.Mailbox;
import jakarta.mail.internet.MimeMessage;

/**
 * Fills the server under load before the pairs run: {@code rows} invitations and users (pair 4 lists and
 * counts at that size), and the feeds of the operations that consume something: invitation and reset
 * tokens read from the mail catcher, user ids, known addresses.
 */
final class Seeder {

    private static final String ADMIN = BASE + "/admin/realms/" + REALM;
    /** Phases per side of a pair that read a feed: the warm-up and the measured ones. */
    private static final int PHASES = Benchmark.ROUNDS + 1;
    /** Rows per call of the bulk endpoint and of the partial import. */
    private static final int BATCH = 500;

    private final int rows;
    private final int feedSize;
    private final List<String> pairs;
    private final Results results;

    Seeder(int rows, int feedSize, List<String> pairs, Results results) {
        this.rows = rows;
        this.feedSize = feedSize;
        this.pairs = pairs;
        this.results = results;
    }

    static String adminToken() {
        Http.Reply reply = Http.postForm(BASE + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"));
        require(reply, 200);
        return reply.json().get("access_token").asText();
    }

    /** Tokens that outlive a run; no throttling of the reset requests the benchmark sends on purpose. */
    static void prepareRealms(String token) {
        require(Http.putJson(BASE + "/admin/realms/master", token, "{\"accessTokenLifespan\": 7200}"), 204);
        JsonNode demo = Http.get(ADMIN, token).json();
        ObjectNode attributes = demo.path("attributes").deepCopy();
        attributes.put("inviteOnly.passwordReset.maxRequestsPerAddress", "1000000000");
        attributes.put("inviteOnly.passwordReset.maxRequestsPerIp", "1000000000");
        require(Http.putJson(ADMIN, token, "{\"attributes\": " + attributes + "}"), 204);
    }

    /** A password-reset request, as anyone may send it. */
    static void requestReset(String email) {
        require(Http.postJson(BASE + "/realms/" + REALM + "/invite-only/password-resets", null, Map.of("email", email)), 202);
    }

    /** Seeds the rows, then writes the feeds of the pairs that run into {@code feeds}. */
    void seed(String token, GreenMail mail, Feeds feeds) throws Exception {
        results.section("Seeding");
        long started = System.nanoTime();
        for (int first = 0; first < rows; first += BATCH) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = first; i < Math.min(rows, first + BATCH); i++) {
                batch.add(Map.of("email", "seed-" + i + "@bench.example", "firstName", "Seed", "sendEmail", false));
            }
            require(Http.postJson(ADMIN + "/invite-only/invitations/bulk", token, Map.of("invitations", batch)), 200);
        }
        results.seeded("invitations, bulk endpoint (500 per call)", rows, started);

        // The users numbered from rows are set aside for the token operations, and for pair 5's
        // one-at-a-time run addresses that no phase asks for before it.
        int people = rows + (pairs.contains("5") ? 5 : 4) * feedSize;
        Map<String, String> idsByUsername = importUsers(token, people);
        List<String> ids = new ArrayList<>();
        for (int i = rows; i < rows + 3 * feedSize; i++) {
            ids.add(Objects.requireNonNull(idsByUsername.get(username(i)), "imported user " + i));
        }
        // Only the pairs that run get their tokens: the emails that carry them take most of the seeding time.
        if (pairs.contains("1")) {
            feeds.add("token", invitationTokens(token, mail), PHASES, "accept-invitation");
        }
        if (pairs.contains("2")) {
            // Pair 2 runs ours twice (against Keycloak's reset with and without an email): twice the tokens.
            feeds.add("token", resetTokens(token, mail, 2 * feedSize), 2 * PHASES, "complete-reset");
        }
        feeds.add("userId", ids.subList(2 * feedSize, 3 * feedSize), PHASES,
                "kc-reset-password", "kc-execute-actions-email", "kc-reset-password-and-email");
        List<String> known = new ArrayList<>();
        for (int i = 0; i < feedSize; i++) {
            known.add(username(rows + 3 * feedSize + i));
        }
        feeds.add("email", known, PHASES, "reset-request-known");
        if (pairs.contains("5")) {
            List<String> neverAsked = new ArrayList<>();
            for (int i = 0; i < feedSize; i++) {
                neverAsked.add(username(rows + 4 * feedSize + i));
            }
            feeds.add("email", neverAsked, 1, Benchmark.NEVER_ASKED);
        }
    }

    /** Users 0 to {@code people} through Keycloak's partial import; their ids by username. */
    private Map<String, String> importUsers(String token, int people) {
        long started = System.nanoTime();
        // The import answers each new user's id: the token operations need them.
        Map<String, String> idsByUsername = new HashMap<>();
        for (int first = 0; first < people; first += BATCH) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = first; i < Math.min(people, first + BATCH); i++) {
                batch.add(Map.of("username", username(i), "email", username(i),
                        "firstName", "Seed", "lastName", "User", "enabled", true, "emailVerified", true));
            }
            Http.Reply imported = Http.postJson(ADMIN + "/partialImport", token, Map.of("ifResourceExists", "SKIP", "users", batch));
            require(imported, 200);
            imported.json().path("results").forEach(user -> idsByUsername.put(user.path("resourceName").asText(), user.path("id").asText()));
        }
        results.seeded("users, Keycloak's partial import (500 per call)", people, started);
        return idsByUsername;
    }

    /** A seeded user's username, which is also their email address. */
    private static String username(int number) {
        return "user-" + number + "@bench.example";
    }

    private List<String> invitationTokens(String token, GreenMail mail) throws InterruptedException {
        int before = mail.getReceivedMessages().length;
        // Small calls: the bulk endpoint sends each email before it answers (about 85 ms apiece here).
        for (int first = 0; first < feedSize; first += 50) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = first; i < Math.min(feedSize, first + 50); i++) {
                batch.add(Map.of("email", "invitee-" + i + "@bench.example", "firstName", "Ivy"));
            }
            require(Http.postJson(ADMIN + "/invite-only/invitations/bulk", token, Map.of("invitations", batch)), 200);
        }
        return tokensFrom(mail, before, feedSize);
    }

    /** Reset requests for the first {@code count} users set aside, approved: the tokens of their emails. */
    private List<String> resetTokens(String token, GreenMail mail, int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            requestReset(username(rows + i));
        }
        // Requests are recorded in the background and listed newest first, so a row recorded between two
        // page reads shifts the pages: a set, read until it holds them all.
        Set<String> pending = new LinkedHashSet<>();
        long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(10);
        while (pending.size() < count && System.currentTimeMillis() < deadline) {
            JsonNode page;
            int first = 0;
            do {
                page = Http.get(ADMIN + "/invite-only/password-resets?status=PENDING&max=1000&first=" + first, token).json();
                page.forEach(request -> pending.add(request.get("id").asText()));
                first += 1000;
            } while (page.size() == 1000);
            Thread.sleep(500);
        }
        int before = mail.getReceivedMessages().length;
        for (String id : pending) {
            require(Http.postJson(ADMIN + "/invite-only/password-resets/" + id + "/approve", token, null), 200);
        }
        return tokensFrom(mail, before, pending.size());
    }

    /**
     * The tokens of the emailed links among the messages after the first {@code skip}, once {@code count}
     * more have arrived (or five minutes have passed). Messages without one, such as the approvers'
     * notices of new reset requests, which are sent in the background, are passed over.
     */
    private static List<String> tokensFrom(GreenMail mail, int skip, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(5);
        while (mail.getReceivedMessages().length < skip + count && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        MimeMessage[] messages = mail.getReceivedMessages();
        List<String> tokens = new ArrayList<>();
        for (int i = skip; i < messages.length; i++) {
            if (Mailbox.text(messages[i]).contains("?token=")) {
                tokens.add(Mailbox.tokenOf(Mailbox.link(messages[i], "?token=")));
            }
        }
        return tokens;
    }

    private static void require(Http.Reply reply, int status) {
        if (reply.status() != status) {
            throw new IllegalStateException("Expected " + status + ": " + reply);
        }
    }
}
