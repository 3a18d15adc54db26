package io.github.inviteonly.docs;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.inviteonly.docs.FuzzRequests.Caller;
import io.github.inviteonly.docs.FuzzRequests.Request;
import io.github.inviteonly.docs.ResponseConformance.Kind;
import io.github.inviteonly.docs.ResponseConformance.Violation;
import io.github.inviteonly.docs.ServedDocument.Operation;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.FuzzRealmConfig;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.Invitations;
import io.github.inviteonly.support.Mailbox;
import io.github.inviteonly.support.PasswordResets;
import io.github.inviteonly.support.PasswordResets.Person;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * An OpenAPI-driven fuzz: thousands of generated requests to every operation of the document the server
 * serves, as an anonymous caller (no token, or a refused one), an administrator (alice, realm role
 * {@code admin}) and a director (dave, who may invite but not grant {@code admin}). Every answer must be
 * one the document declares: no 5xx, no status or content type it does not list, no body off its schema.
 *
 * <p>The seed is fixed, so every run sends the same requests (only ids and tokens the server hands out
 * differ). It runs in a realm of its own, a copy of the demo realm, so what it creates stays there.
 */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class ApiFuzzIT {

    /** Change it to explore other requests; keep it fixed in the suite so that a failure replays. */
    static final long SEED = 20_261_115L;
    /** Requests per operation and caller: with 37 operations and 3 callers, 3,552 requests. */
    static final int PER_OPERATION_AND_CALLER = 32;
    static final int AT_LEAST = 2_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();

    @InjectRealm(ref = "fuzz", fromJson = DemoRealm.JSON, config = FuzzRealmConfig.class)
    ManagedRealm realm;

    /** Only for a token that this realm must refuse: one of another realm. */
    @InjectRealm(fromJson = DemoRealm.JSON, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm demo;

    @InjectMailServer
    MailServer mail;

    @Test
    void generatedRequestsToEveryOperationAreAnsweredAsTheServedDocumentSays() {
        long started = System.nanoTime();
        Http.Reply served = Http.get(DemoRealm.api(realm) + "/openapi.json", null);
        assertEquals(200, served.status(), served::toString);
        ServedDocument document = ServedDocument.parse(served.raw().body());
        ResponseConformance conformance = new ResponseConformance(document);

        FuzzRequests.Pools pools = seedRealThings();
        Map<Caller, Supplier<String>> tokens = new EnumMap<>(Caller.class);
        tokens.put(Caller.ANONYMOUS, () -> null);
        tokens.put(Caller.ADMIN, fresh(DemoRealm.ALICE, DemoRealm.ALICE_PASSWORD));
        tokens.put(Caller.DIRECTOR, fresh(DemoRealm.DAVE, DemoRealm.DAVE_PASSWORD));
        List<String> refusedTokens = refusedTokens();

        Random strategy = new Random(SEED);
        String server = realm.getBaseUrl().substring(0, realm.getBaseUrl().indexOf("/realms/"));
        FuzzRequests requests = new FuzzRequests(document, new FuzzValues(strategy), pools, server, FuzzRealmConfig.NAME);

        List<Map.Entry<Operation, Caller>> schedule = new ArrayList<>();
        for (Operation operation : document.operations()) {
            for (Caller caller : Caller.values()) {
                for (int i = 0; i < PER_OPERATION_AND_CALLER; i++) {
                    schedule.add(Map.entry(operation, caller));
                }
            }
        }
        Collections.shuffle(schedule, strategy);

        Tally tally = new Tally();
        long fuzzStarted = System.nanoTime();
        for (Map.Entry<Operation, Caller> next : schedule) {
            Request request = requests.next(next.getKey(), next.getValue(), tokens.get(next.getValue()).get(), refusedTokens);
            Answer answer = send(request);
            List<Violation> violations = answer.status() < 0
                    ? List.of(new Violation(Kind.NO_ANSWER, answer.body()))
                    : conformance.check(request.operation(), answer.status(), answer.contentType(), answer.body());
            tally.record(request, answer, violations);
            if (answer.status() >= 200 && answer.status() < 300 && ResponseConformance.mediaType(answer.contentType()).equals("application/json")) {
                pools.harvest(request.operation().path(), parse(answer.body()));
            }
        }
        long fuzzSeconds = Duration.ofNanos(System.nanoTime() - fuzzStarted).toSeconds();
        tally.print(document, fuzzSeconds, Duration.ofNanos(System.nanoTime() - started).toSeconds());

        assertAll(
                () -> assertTrue(tally.total >= AT_LEAST, "only " + tally.total + " requests"),
                () -> assertEquals(document.operations().size() * Caller.values().length, tally.perOperationAndCaller.size(),
                        "every operation as every caller"),
                () -> assertEquals(List.of(), tally.examples(Kind.NO_ANSWER), Kind.NO_ANSWER.label),
                () -> assertEquals(List.of(), tally.examples(Kind.SERVER_ERROR), Kind.SERVER_ERROR.label),
                () -> assertEquals(List.of(), tally.examples(Kind.UNDECLARED_STATUS), Kind.UNDECLARED_STATUS.label),
                () -> assertEquals(List.of(), tally.examples(Kind.UNDECLARED_CONTENT_TYPE), Kind.UNDECLARED_CONTENT_TYPE.label),
                () -> assertEquals(List.of(), tally.examples(Kind.OFF_SCHEMA), Kind.OFF_SCHEMA.label));
    }

    /**
     * Real things for requests to aim at: people with accounts, pending and approved reset requests with
     * their emailed tokens, and open invitations with theirs.
     */
    private FuzzRequests.Pools seedRealThings() {
        FuzzRequests.Pools pools = new FuzzRequests.Pools();
        pools.knownEmails.addAll(List.of(DemoRealm.ALICE, DemoRealm.DAVE, DemoRealm.SAM));
        PasswordResets resets = new PasswordResets(realm);
        String admin = resets.adminToken();
        for (int i = 0; i < 6; i++) {
            Person person = resets.newPerson();
            pools.knownEmails.add(person.email());
            String id = resets.askAndAwait(person).get("id").asText();
            pools.resetIds.add(id);
            pools.cancelTokens.add(Mailbox.tokenOf(Mailbox.link(Mailbox.waitForRequestNotice(mail, person.email(), 1),
                    "/password-resets/cancel?token=")));
            if (i % 2 == 0) {
                Http.Reply approved = resets.approve(id, admin);
                assertEquals(200, approved.status(), approved::toString);
                String link = Mailbox.link(Mailbox.waitFor(mail, person.email(), 1), "/password-resets/complete?token=");
                pools.resetTokens.add(link.substring(link.indexOf("token=") + "token=".length()));
            }
        }
        Invitations invitations = new Invitations(realm);
        for (int i = 0; i < 6; i++) {
            String email = Invitations.newEmail();
            pools.invitationTokens.add(invitations.inviteAndReadToken(mail, email, List.of()));
            pools.knownEmails.add(email);
        }
        pools.harvest(invitations.url(), Http.get(invitations.url() + "?max=50", admin).json());
        return pools;
    }

    /** Tokens this realm must refuse: another realm's, one with a broken signature, one that claims no signature. */
    private List<String> refusedTokens() {
        String valid = DemoRealm.accessToken(realm, DemoRealm.ALICE, DemoRealm.ALICE_PASSWORD);
        String[] parts = valid.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        String unsigned = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        String otherRealm = DemoRealm.accessToken(demo, DemoRealm.ALICE, DemoRealm.ALICE_PASSWORD);
        return List.of(tampered, unsigned, otherRealm);
    }

    /** The user's access token, signed in again once it is a minute old (tokens live five minutes). */
    private Supplier<String> fresh(String username, String password) {
        return new Supplier<>() {
            private String token;
            private long issued;

            @Override
            public String get() {
                if (token == null || System.nanoTime() - issued > Duration.ofSeconds(60).toNanos()) {
                    token = DemoRealm.accessToken(realm, username, password);
                    issued = System.nanoTime();
                }
                return token;
            }
        };
    }

    /** An answer; status -1 when there was none (the body then says why). */
    record Answer(int status, String contentType, String body) {
    }

    private static Answer send(Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(Duration.ofSeconds(60));
        request.headers().forEach(builder::header);
        builder.method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        try {
            HttpResponse<byte[]> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Answer(-1, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** Counts per operation and caller, statuses seen, and the violations grouped by what they are, with an example each. */
    private static final class Tally {

        /** One kind of violation: where, what status and type, and the error code or reason. */
        record Finding(Kind kind, String where, String example) {
        }

        int total;
        final Map<String, Integer> perOperationAndCaller = new TreeMap<>();
        final Map<String, TreeMap<Integer, Integer>> statuses = new TreeMap<>();
        final Map<Kind, Integer> violations = new EnumMap<>(Kind.class);
        final Map<String, Finding> findings = new TreeMap<>();
        final Map<String, Integer> findingCounts = new TreeMap<>();

        void record(Request request, Answer answer, List<Violation> found) {
            total++;
            String operation = request.operation().name();
            perOperationAndCaller.merge(operation + " as " + request.caller(), 1, Integer::sum);
            statuses.computeIfAbsent(operation, o -> new TreeMap<>()).merge(answer.status(), 1, Integer::sum);
            for (Violation violation : found) {
                violations.merge(violation.kind(), 1, Integer::sum);
                JsonNode error = parse(answer.body());
                String reason = error != null && error.path("error").isTextual() ? error.path("error").asText() : violation.detail();
                String key = violation.kind() + " | " + operation + " | " + answer.status() + " "
                        + ResponseConformance.mediaType(answer.contentType()) + " | " + FuzzRequests.excerpt(reason, 120);
                findingCounts.merge(key, 1, Integer::sum);
                findings.computeIfAbsent(key, k -> new Finding(violation.kind(), k, violation.detail()
                        + "\n      request:  " + request.describe()
                        + "\n      response: " + answer.status() + " " + answer.contentType() + " "
                        + FuzzRequests.excerpt(answer.body(), 300)));
            }
        }

        /** The distinct findings of a kind, each with its count and an example. */
        List<String> examples(Kind kind) {
            return findings.values().stream().filter(f -> f.kind() == kind)
                    .map(f -> findingCounts.get(f.where()) + " × " + f.where() + "\n   " + f.example()).toList();
        }

        void print(ServedDocument document, long fuzzSeconds, long totalSeconds) {
            StringBuilder out = new StringBuilder("\n==== OpenAPI fuzz: seed " + SEED + ", " + total + " requests over "
                    + document.operations().size() + " operations × " + Caller.values().length + " callers in " + fuzzSeconds
                    + " s (" + totalSeconds + " s with set-up)\n");
            out.append(String.format("%-70s %9s %6s %8s   %s%n", "operation", "anonymous", "admin", "director", "statuses seen"));
            for (Operation operation : document.operations()) {
                String name = operation.name();
                out.append(String.format("%-70s %9d %6d %8d   %s%n", name,
                        perOperationAndCaller.getOrDefault(name + " as " + Caller.ANONYMOUS, 0),
                        perOperationAndCaller.getOrDefault(name + " as " + Caller.ADMIN, 0),
                        perOperationAndCaller.getOrDefault(name + " as " + Caller.DIRECTOR, 0),
                        statuses.getOrDefault(name, new TreeMap<>())));
            }
            TreeMap<Integer, Integer> all = new TreeMap<>();
            statuses.values().forEach(s -> s.forEach((status, n) -> all.merge(status, n, Integer::sum)));
            out.append("statuses: ").append(all).append('\n');
            for (Kind kind : Kind.values()) {
                out.append(String.format("%-48s %d%n", kind.label + ":", violations.getOrDefault(kind, 0)));
            }
            for (Kind kind : Kind.values()) {
                List<String> distinct = examples(kind);
                if (!distinct.isEmpty()) {
                    out.append("-- ").append(kind.label).append(", ").append(distinct.size()).append(" distinct:\n");
                    distinct.forEach(example -> out.append(" ").append(example).append('\n'));
                }
            }
            out.append("====\n");
            System.out.println(out);
        }
    }
}
