package io.github.inviteonly.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import io.github.inviteonly.support.KeycloakServer;

/**
 * {@code ./mvnw -Pbench}: our operations against Keycloak's own, side by side, on one server in one run.
 * Starts the real Keycloak distribution with and without the extension (start-up time, heap), then with
 * it: seeds {@code bench.rows} invitations and users, and for every pair runs each side in its own
 * Gatling process, after a warm-up of each, A, B, B, A at the same concurrency. Writes {@code summary.md},
 * {@code summary.csv} and Gatling's HTML reports under the output folder.
 *
 * <p>Arguments: Keycloak distribution folder, provider JAR (in {@code target/}), realm file, output
 * folder, file with the test dependencies' classpath (for the Gatling processes). System properties: {@code bench.rows} (100000),
 * {@code bench.seconds} per phase (20), {@code bench.warmup} seconds of the unmeasured warm-up phase each side of a
 * pair runs first (10; 0 for none), {@code bench.users} concurrent users (8), {@code bench.feed}
 * tokens prepared per token-consuming operation (2000), {@code bench.starts} per configuration (5),
 * {@code bench.pairs} the pairs to run ("1,2,3,4,5,6"), {@code bench.postgres} a PostgreSQL JDBC URL for pairs 1 to 5 (unset: H2), with {@code bench.postgres.user}
 * and {@code bench.postgres.password} (keycloak/keycloak), {@code bench.jfr} true to record the load server with
 * Java Flight Recorder into {@code keycloak-load.jfr}, {@code bench.startTimeoutMinutes} bounds each wait for a
 * server to be ready (10).
 */
public final class Benchmark {

    /** The server under load, as {@link Servers#start} starts it: start-dev on 8080, management on 9000. */
    static final String BASE = "http://localhost:8080";
    /** The realm of {@code realm-export.json}, which the server under load imports. */
    static final String REALM = "demo";
    /** Pair 5's one-at-a-time run: seeded users whose addresses no phase asks for before it. */
    static final String NEVER_ASKED = "reset-request-never-asked";
    /** Measured phases per side of a pair: A, B, then B, A. */
    static final int ROUNDS = 2;

    /** Ours, then Keycloak's operation doing the same work; {@code compared} starts with the pair's number. */
    record Pair(String ours, String theirs, String compared) {

        String number() {
            return compared.substring(0, 1);
        }
    }

    private static final List<Pair> PAIRS = List.of(
            new Pair("accept-invitation", "kc-create-user-with-password", "1: a user with a hashed password"),
            new Pair("complete-reset", "kc-reset-password", "2: a new hashed password"),
            new Pair("complete-reset", "kc-reset-password-and-email", "2: a new hashed password, one email"),
            new Pair("create-invitation", "kc-create-user", "3: a row, no email"),
            new Pair("create-invitation-with-email", "kc-execute-actions-email", "3: a row or token, one email"),
            new Pair("list-invitations", "kc-list-users", "4: a page of 20 of all rows"),
            new Pair("count-invitations", "kc-count-users", "4: a count of all rows"),
            new Pair("manage-first-page", "kc-console-user-list", "4: a first screen of 20 of all rows"),
            new Pair("reset-request-known", "reset-request-unknown", "5: known vs unknown address"));

    private final Path out;
    private final int rows = Integer.getInteger("bench.rows", 100_000);
    private final int seconds = Integer.getInteger("bench.seconds", 20);
    private final int warmup = Integer.getInteger("bench.warmup", 10);
    private final int users = Integer.getInteger("bench.users", 8);
    private final int feedSize = Integer.getInteger("bench.feed", 2000);
    private final int starts = Integer.getInteger("bench.starts", 5);
    /** The pairs to run, e.g. "2" or "1,2" while profiling one of them; start-up runs when starts > 0. */
    private final List<String> pairs = List.of(System.getProperty("bench.pairs", "1,2,3,4,5,6").trim().split("\\s*,\\s*"));
    private final Results results = new Results();
    private final GatlingProcess gatling;

    private Benchmark(Path out, String classpath) {
        this.out = out;
        this.gatling = new GatlingProcess(out, classpath, users);
    }

    public static void main(String[] args) throws Exception {
        Path dist = Path.of(args[0]);
        Path jar = Path.of(args[1]);
        Path realmFile = Path.of(args[2]);
        // A run's folder holds only that run: the summary and reports must not mix with an earlier one's.
        Path out = Files.createDirectories(Servers.deleteTree(Path.of(args[3])));
        // The Gatling processes need this project's test classes, its classes and the test dependencies.
        Path target = jar.toAbsolutePath().getParent();
        String classpath = String.join(java.io.File.pathSeparator, target.resolve("test-classes").toString(),
                target.resolve("classes").toString(), Files.readString(Path.of(args[4])).trim());
        new Benchmark(out, classpath).run(dist, jar, realmFile);
    }

    private void run(Path dist, Path jar, Path realmFile) throws Exception {
        Path without = Servers.copy(dist, "keycloak-without-extension");
        Path with = Servers.copy(dist, "keycloak-with-extension");
        Files.copy(jar, with.resolve("providers").resolve("keycloak-invite-only.jar"));
        results.title(rows, users, seconds, warmup, Servers.POSTGRES != null);
        if (pairs.contains("6") && starts > 0) {
            startupPair(without, with);
        }

        GreenMail mail = Servers.startMailCatcher();
        try (KeycloakServer server = Servers.startLoadServer(with, realmFile, out)) {
            Seeder.prepareRealms(Seeder.adminToken());
            Feeds feeds = new Feeds(out);
            // A new token: the first one has the master realm's default lifespan, shorter than the seeding.
            new Seeder(rows, feedSize, pairs, results).seed(Seeder.adminToken(), mail, feeds);
            loadPairs(feeds);
        } finally {
            mail.stop();
        }
        results.write(out);
    }

    // ---- pair 6: start-up ---------------------------------------------------------------------------

    private void startupPair(Path without, Path with) throws Exception {
        for (Path home : List.of(without, with)) {
            // The first start of a configuration also builds it (Quarkus augmentation): not measured.
            try (KeycloakServer warmUp = Servers.start(home, out.resolve("keycloak-startup.log"), null)) {
                warmUp.readyMillis();
            }
        }
        // Alternating, so that a slow spell of a shared machine hits both configurations alike.
        Map<Path, List<Long>> times = new LinkedHashMap<>();
        Map<Path, List<Long>> heaps = new LinkedHashMap<>();
        for (int i = 0; i < starts; i++) {
            for (Path home : List.of(without, with)) {
                try (KeycloakServer server = Servers.start(home, out.resolve("keycloak-startup.log"), null)) {
                    times.computeIfAbsent(home, h -> new ArrayList<>()).add(server.readyMillis());
                    heaps.computeIfAbsent(home, h -> new ArrayList<>()).add(server.heapUsedAfterGc());
                }
            }
        }
        results.startup(times.get(without), heaps.get(without), times.get(with), heaps.get(with));
    }

    // ---- pairs 1 to 5 ------------------------------------------------------------------------------

    private void loadPairs(Feeds feeds) throws Exception {
        results.pairsTable();
        for (Pair pair : PAIRS) {
            if (!pairs.contains(pair.number())) {
                continue;
            }
            // Without it the first measured phase, always ours, ran code the JIT had not compiled yet: in
            // a full run its p95 was 756 ms, against 501 to 560 ms in the other three phases.
            if (warmup > 0) {
                gatling.runPhase(pair.ours(), feeds.next(pair.ours()), warmup);
                gatling.runPhase(pair.theirs(), feeds.next(pair.theirs()), warmup);
            }
            List<JsonNode> ours = new ArrayList<>();
            List<JsonNode> theirs = new ArrayList<>();
            // Ours first, then theirs first: a drift over the phases (the server's or the machine's) weighs
            // on both sides alike.
            for (int round = 0; round < ROUNDS; round++) {
                for (boolean oursNow : round % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                    String operation = oursNow ? pair.ours() : pair.theirs();
                    String stats = gatling.runPhase(operation, feeds.next(operation), seconds);
                    (oursNow ? ours : theirs).add(GatlingStats.requestStats(stats, operation));
                }
            }
            results.pair(pair, GatlingStats.combine(ours), GatlingStats.combine(theirs));
        }
        if (pairs.contains("5")) {
            timingOracle(feeds);
        }
        results.pairsFootnote();
    }

    /**
     * Pair 5 as an attacker sees it: known and unknown addresses in random order within one phase, so
     * both meet the same server load, including the background work that known addresses cause.
     */
    private void timingOracle(Feeds feeds) throws Exception {
        double known = 0;
        double unknown = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String stats = gatling.runPhase("reset-request-mixed", feeds.next("reset-request-known"), seconds);
            known += GatlingStats.p50(stats, "reset-request-known") / ROUNDS;
            unknown += GatlingStats.p50(stats, "reset-request-unknown") / ROUNDS;
        }
        // Gatling reports whole milliseconds, too coarse for 5% of a few ms: the same comparison once more,
        // one request at a time, timed in microseconds. The known addresses of the phases above were asked
        // for many times (their throttle counts exist, their requests are open) while every unknown one is
        // new: like is compared with like only between addresses nobody asked for before, seeded for this.
        // Each is asked twice, as an attacker may; first and second asks are interleaved, so that a drift
        // of the machine weighs on both.
        List<String> neverAsked = feeds.values(NEVER_ASKED);
        List<String> fresh = new ArrayList<>(neverAsked);
        for (int i = 0; i < neverAsked.size(); i++) {
            fresh.add("nobody-" + UUID.randomUUID() + "@bench.example");
        }
        Set<String> knownSet = new HashSet<>(neverAsked);
        Random random = new Random(7);
        Collections.shuffle(fresh, random);
        OneAtATime first = OneAtATime.named("first ask");
        OneAtATime again = OneAtATime.named("asked again");
        List<String> askedOnce = new ArrayList<>();
        boolean afterKnown = false;
        int next = 0;
        // One random sequence, not pairs: within a pair the other request is always of the other kind, so
        // the request after a known one (whose background work may still run) would be unknown three
        // times out of four.
        while (next < fresh.size() || !askedOnce.isEmpty()) {
            boolean repeat = next == fresh.size() || (!askedOnce.isEmpty() && random.nextBoolean());
            String address = repeat ? askedOnce.remove(random.nextInt(askedOnce.size())) : fresh.get(next++);
            boolean isKnown = knownSet.contains(address);
            (repeat ? again : first).add(isKnown, afterKnown, resetRequestMicros(address));
            if (!repeat) {
                askedOnce.add(address);
            }
            afterKnown = isKnown;
        }
        results.timingOracle(known, unknown, users, List.of(first, again));
    }

    /**
     * Pair 5's one-at-a-time times (µs) of the first or the second asks, of known and of unknown addresses;
     * the same times again by what the request before was (whose background work may still run).
     */
    record OneAtATime(String round, List<Long> knownMicros, List<Long> unknownMicros, List<Long> afterKnownMicros,
            List<Long> afterUnknownMicros) {

        static OneAtATime named(String round) {
            return new OneAtATime(round, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        void add(boolean known, boolean afterKnown, long micros) {
            (known ? knownMicros : unknownMicros).add(micros);
            (afterKnown ? afterKnownMicros : afterUnknownMicros).add(micros);
        }
    }

    private static long resetRequestMicros(String email) {
        long started = System.nanoTime();
        Seeder.requestReset(email);
        return (System.nanoTime() - started) / 1000;
    }
}
