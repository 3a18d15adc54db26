package io.github.inviteonly.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.smtp.SmtpConnection;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.KeycloakServer;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.LoggerFactory;

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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOKEN = Pattern.compile("[?&](?:invitation|token)=([A-Za-z0-9_-]{43})");
    private static final String REALM = "demo";
    /** The server under load, as {@link #server} starts it: start-dev on 8080, management on 9000. */
    static final String BASE = "http://localhost:8080";
    private static final String ADMIN = BASE + "/admin/realms/" + REALM;

    /** Ours, then Keycloak's operation doing the same work; the last column says what is compared. */
    private static final List<String[]> PAIRS = List.of(
            new String[] {"accept-invitation", "kc-create-user-with-password", "1: a user with a hashed password"},
            new String[] {"complete-reset", "kc-reset-password", "2: a new hashed password"},
            new String[] {"complete-reset", "kc-reset-password-and-email", "2: a new hashed password, one email"},
            new String[] {"create-invitation", "kc-create-user", "3: a row, no email"},
            new String[] {"create-invitation-with-email", "kc-execute-actions-email", "3: a row or token, one email"},
            new String[] {"list-invitations", "kc-list-users", "4: a page of 20 of all rows"},
            new String[] {"count-invitations", "kc-count-users", "4: a count of all rows"},
            new String[] {"reset-request-known", "reset-request-unknown", "5: known vs unknown address"});

    private static final String POSTGRES = System.getProperty("bench.postgres");
    /** Measured phases per side of a pair: A, B, then B, A. */
    private static final int ROUNDS = 2;
    /** Phases per side of a pair that read a feed: the warm-up and the measured ones. */
    private static final int PHASES = ROUNDS + 1;

    private final Path out;
    private final String classpath;
    private final int rows = Integer.getInteger("bench.rows", 100_000);
    private final int seconds = Integer.getInteger("bench.seconds", 20);
    private final int warmup = Integer.getInteger("bench.warmup", 10);
    private final int users = Integer.getInteger("bench.users", 8);
    private final int feedSize = Integer.getInteger("bench.feed", 2000);
    private final int starts = Integer.getInteger("bench.starts", 5);
    /** The pairs to run, e.g. "2" or "1,2" while profiling one of them; start-up runs when starts > 0. */
    private final List<String> pairs = List.of(System.getProperty("bench.pairs", "1,2,3,4,5,6").trim().split("\\s*,\\s*"));
    private final List<String> summary = new ArrayList<>();
    private final List<String> csv = new ArrayList<>();
    private final Map<String, Integer> feedUses = new HashMap<>();

    private Benchmark(Path out, String classpath) {
        this.out = out;
        this.classpath = classpath;
    }

    public static void main(String[] args) throws Exception {
        Path dist = Path.of(args[0]);
        Path jar = Path.of(args[1]);
        Path realmFile = Path.of(args[2]);
        // A run's folder holds only that run: the summary and reports must not mix with an earlier one's.
        Path out = Files.createDirectories(deleteTree(Path.of(args[3])));
        // The Gatling processes need this project's test classes, its classes and the test dependencies.
        Path target = jar.toAbsolutePath().getParent();
        String classpath = String.join(java.io.File.pathSeparator, target.resolve("test-classes").toString(),
                target.resolve("classes").toString(), Files.readString(Path.of(args[4])).trim());
        new Benchmark(out, classpath).run(dist, jar, realmFile);
    }

    private void run(Path dist, Path jar, Path realmFile) throws Exception {
        Path without = fresh(dist, "keycloak-without-extension");
        Path with = fresh(dist, "keycloak-with-extension");
        Files.copy(jar, with.resolve("providers").resolve("keycloak-invite-only.jar"));
        summary.add("# Benchmark: keycloak-invite-only vs Keycloak's own operations");
        summary.add("");
        summary.add(String.format(Locale.ROOT, "%d rows, %d concurrent users, %d s per phase (A, B, B, A, after %d s of "
                        + "unmeasured warm-up for each side), %s, %d cores, JDK %s; pairs 1 to 5 on %s, start-up on H2 (dev-file).",
                rows, users, seconds, warmup, System.getProperty("os.name"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), POSTGRES == null ? "H2 (dev-file)" : "PostgreSQL"));
        if (pairs.contains("6") && starts > 0) {
            startupPair(without, with);
        }

        Files.createDirectories(with.resolve("data").resolve("import"));
        Files.copy(realmFile, with.resolve("data").resolve("import").resolve("realm-export.json"));
        quietMailCatcher();
        GreenMail mail = new GreenMail(new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        try (KeycloakServer server = server(with, out.resolve("keycloak-load.log"),
                Boolean.getBoolean("bench.jfr") ? out.resolve("keycloak-load.jfr") : null, loadServerArguments())) {
            String token = adminToken();
            prepareRealms(token);
            token = adminToken();
            Map<String, List<Path>> feeds = seed(token, mail);
            loadPairs(feeds);
        } finally {
            mail.stop();
        }
        Files.write(out.resolve("summary.md"), summary);
        Files.write(out.resolve("summary.csv"), csv);
        System.out.println(String.join("\n", summary));
    }

    /**
     * Starts Keycloak in {@code home} with {@code start-dev} on 8080/9000, with health and metrics (the heap
     * is read from them), and waits until it is ready; the time counts from launching the process.
     */
    private static KeycloakServer server(Path home, Path log, Path recording, String... arguments) throws Exception {
        return KeycloakServer.dev(home).ports(8080, 9000).log(log).recording(recording)
                .options("--health-enabled=true", "--metrics-enabled=true").options(arguments)
                .startTimeout(java.time.Duration.ofMinutes(Long.getLong("bench.startTimeoutMinutes", 10))).start();
    }

    /**
     * With its debug log on (the default in this JVM), GreenMail writes SMTP replies byte by byte, and
     * Nagle's algorithm with delayed ACKs then stalls every email for about 200 ms: the emailing
     * operations would measure the catcher, not Keycloak.
     */
    private static void quietMailCatcher() {
        org.jboss.logmanager.Logger.getLogger("com.icegreen").setLevel(Level.INFO);
        if (LoggerFactory.getLogger(SmtpConnection.class).isDebugEnabled()) {
            throw new IllegalStateException("GreenMail's debug log is still on; its SMTP replies would be slow");
        }
    }

    /**
     * The server for pairs 1 to 5 runs on PostgreSQL when {@code bench.postgres} names an existing database
     * (emptied first): Keycloak's production database, and the one whose planner 100,000 rows are about.
     * H2 (the default, as in the tests) cannot walk an index whose leading columns are fixed by the
     * filter in ORDER BY order, so its filtered lists sort every matching row.
     */
    private String[] loadServerArguments() throws SQLException {
        List<String> arguments = new ArrayList<>(List.of("--import-realm"));
        if (POSTGRES != null) {
            String user = System.getProperty("bench.postgres.user", "keycloak");
            String password = System.getProperty("bench.postgres.password", "keycloak");
            try (Connection connection = DriverManager.getConnection(POSTGRES, user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA public CASCADE");
                statement.execute("CREATE SCHEMA public");
            }
            arguments.addAll(List.of("--db=postgres", "--db-url=" + POSTGRES, "--db-username=" + user, "--db-password=" + password));
        }
        return arguments.toArray(String[]::new);
    }

    // ---- pair 6: start-up ---------------------------------------------------------------------------

    private void startupPair(Path without, Path with) throws Exception {
        summary.add("");
        summary.add("## Start-up (pair 6)");
        summary.add("");
        summary.add("| Keycloak | start to ready, ms (median) | heap after start and full GC, MB (median) |");
        summary.add("|---|---|---|");
        csv.add("pair,ours,theirs,metric,ours_value,theirs_value,ratio");
        for (Path home : List.of(without, with)) {
            // The first start of a configuration also builds it (Quarkus augmentation): not measured.
            try (KeycloakServer warmUp = server(home, out.resolve("keycloak-startup.log"), null)) {
                warmUp.readyMillis();
            }
        }
        // Alternating, so that a slow spell of a shared machine hits both configurations alike.
        Map<Path, List<Long>> times = new LinkedHashMap<>();
        Map<Path, List<Long>> heaps = new LinkedHashMap<>();
        for (int i = 0; i < starts; i++) {
            for (Path home : List.of(without, with)) {
                try (KeycloakServer server = server(home, out.resolve("keycloak-startup.log"), null)) {
                    times.computeIfAbsent(home, h -> new ArrayList<>()).add(server.readyMillis());
                    heaps.computeIfAbsent(home, h -> new ArrayList<>()).add(server.heapUsedAfterGc());
                }
            }
        }
        long[] withoutResult = {median(times.get(without)), median(heaps.get(without))};
        long[] withResult = {median(times.get(with)), median(heaps.get(with))};
        summary.add(String.format(Locale.ROOT, "| without | %d | %.1f |", withoutResult[0], withoutResult[1] / 1048576.0));
        summary.add(String.format(Locale.ROOT, "| with the extension | %d | %.1f |", withResult[0], withResult[1] / 1048576.0));
        summary.add("");
        summary.add(String.format(Locale.ROOT, "Start-up ratio with/without: **%.3f** (target ≤ 1.05); heap difference: **%+.1f MB** (target ≤ 20).",
                (double) withResult[0] / withoutResult[0], (withResult[1] - withoutResult[1]) / 1048576.0));
        csv.add(String.format(Locale.ROOT, "6,with extension,without,startup_ms,%d,%d,%.3f", withResult[0], withoutResult[0],
                (double) withResult[0] / withoutResult[0]));
        csv.add(String.format(Locale.ROOT, "6,with extension,without,heap_mb,%.1f,%.1f,%.3f", withResult[1] / 1048576.0,
                withoutResult[1] / 1048576.0, (double) withResult[1] / withoutResult[1]));
    }

    // ---- seeding -----------------------------------------------------------------------------------

    private static String adminToken() {
        Http.Reply reply = Http.postForm(BASE + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"));
        require(reply, 200);
        return reply.json().get("access_token").asText();
    }

    /** Tokens that outlive a run; no throttling of the reset requests the benchmark sends on purpose. */
    private static void prepareRealms(String token) {
        require(Http.putJson(BASE + "/admin/realms/master", token, "{\"accessTokenLifespan\": 7200}"), 204);
        JsonNode demo = Http.get(ADMIN, token).json();
        ObjectNode attributes = demo.path("attributes").deepCopy();
        attributes.put("inviteOnly.passwordReset.maxRequestsPerAddress", "1000000000");
        attributes.put("inviteOnly.passwordReset.maxRequestsPerIp", "1000000000");
        require(Http.putJson(ADMIN, token, "{\"attributes\": " + attributes + "}"), 204);
    }

    private Map<String, List<Path>> seed(String token, GreenMail mail) throws Exception {
        summary.add("");
        summary.add("## Seeding");
        summary.add("");
        long started = System.nanoTime();
        for (int first = 0; first < rows; first += 500) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = first; i < Math.min(rows, first + 500); i++) {
                batch.add(Map.of("email", "seed-" + i + "@bench.example", "firstName", "Seed", "sendEmail", false));
            }
            require(Http.postJson(ADMIN + "/invite-only/invitations/bulk", token, Map.of("invitations", batch)), 200);
        }
        report("invitations, bulk endpoint (500 per call)", rows, started);

        int people = rows + 4 * feedSize;
        started = System.nanoTime();
        // The import answers each new user's id: the token operations need them.
        Map<String, String> idsByUsername = new HashMap<>();
        for (int first = 0; first < people; first += 500) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = first; i < Math.min(people, first + 500); i++) {
                batch.add(Map.of("username", "user-" + i + "@bench.example", "email", "user-" + i + "@bench.example",
                        "firstName", "Seed", "lastName", "User", "enabled", true, "emailVerified", true));
            }
            Http.Reply imported = Http.postJson(ADMIN + "/partialImport", token, Map.of("ifResourceExists", "SKIP", "users", batch));
            require(imported, 200);
            imported.json().path("results").forEach(user -> idsByUsername.put(user.path("resourceName").asText(), user.path("id").asText()));
        }
        report("users, Keycloak's partial import (500 per call)", people, started);

        // The users numbered from rows are set aside for the token operations.
        List<String> ids = new ArrayList<>();
        for (int i = rows; i < rows + 3 * feedSize; i++) {
            ids.add(Objects.requireNonNull(idsByUsername.get("user-" + i + "@bench.example"), "imported user " + i));
        }
        // Only the pairs that run get their tokens: the emails that carry them take most of the seeding time.
        Map<String, List<Path>> feeds = new LinkedHashMap<>();
        if (pairs.contains("1")) {
            feeds.put("accept-invitation", invitationTokens(token, mail));
        }
        if (pairs.contains("2")) {
            // Pair 2 runs ours twice (against Keycloak's reset with and without an email): twice the tokens.
            feeds.put("complete-reset", resetTokens(token, mail, ids.subList(0, 2 * feedSize)));
        }
        List<Path> kcUsers = feed("userId", ids.subList(2 * feedSize, 3 * feedSize), PHASES);
        feeds.put("kc-reset-password", kcUsers);
        feeds.put("kc-execute-actions-email", kcUsers);
        feeds.put("kc-reset-password-and-email", kcUsers);
        List<String> known = new ArrayList<>();
        for (int i = 0; i < feedSize; i++) {
            known.add("user-" + (rows + 3 * feedSize + i) + "@bench.example");
        }
        feeds.put("reset-request-known", feed("email", known, PHASES));
        return feeds;
    }

    private List<Path> invitationTokens(String token, GreenMail mail) throws Exception {
        int before = mail.getReceivedMessages().length;
        // Small calls: the bulk endpoint sends each email before it answers (about 85 ms apiece here).
        for (int first = 0; first < feedSize; first += 50) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = first; i < Math.min(feedSize, first + 50); i++) {
                batch.add(Map.of("email", "invitee-" + i + "@bench.example", "firstName", "Ivy"));
            }
            require(Http.postJson(ADMIN + "/invite-only/invitations/bulk", token, Map.of("invitations", batch)), 200);
        }
        return feed("token", tokensFrom(mail, before, feedSize), PHASES);
    }

    private List<Path> resetTokens(String token, GreenMail mail, List<String> userIds) throws Exception {
        for (int i = 0; i < userIds.size(); i++) {
            require(Http.postJson(BASE + "/realms/" + REALM + "/invite-only/password-resets", null,
                    Map.of("email", "user-" + (rows + i) + "@bench.example")), 202);
        }
        // Requests are recorded in the background and listed newest first, so a row recorded between two
        // page reads shifts the pages: a set, read until it holds them all.
        Set<String> pending = new LinkedHashSet<>();
        long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(10);
        while (pending.size() < userIds.size() && System.currentTimeMillis() < deadline) {
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
        return feed("token", tokensFrom(mail, before, pending.size()), 2 * PHASES);
    }

    private static List<String> tokensFrom(GreenMail mail, int skip, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(5);
        while (mail.getReceivedMessages().length < skip + count && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        MimeMessage[] messages = mail.getReceivedMessages();
        List<String> tokens = new ArrayList<>();
        for (int i = skip; i < messages.length; i++) {
            Matcher matcher = TOKEN.matcher(GreenMailUtil.getBody(messages[i]).replace("=\r\n", "").replace("=3D", "="));
            if (matcher.find()) {
                tokens.add(matcher.group(1));
            }
        }
        return tokens;
    }

    /**
     * The values cut into {@code slices} CSV files, one per phase that reads them: each Gatling process
     * starts its feed from the top, so phases sharing a file would replay tokens already used up.
     */
    private List<Path> feed(String column, List<String> values, int slices) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int round = 0; round < slices; round++) {
            Path file = out.resolve("feed-" + column + "-" + System.nanoTime() + "-" + round + ".csv");
            List<String> lines = new ArrayList<>();
            lines.add(column);
            lines.addAll(values.subList(round * values.size() / slices, (round + 1) * values.size() / slices));
            Files.write(file, lines);
            files.add(file);
        }
        return files;
    }

    private void report(String what, int count, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        summary.add(String.format(Locale.ROOT, "- %d %s: %.1f s (%.0f rows/s)", count, what, seconds, count / seconds));
    }

    // ---- pairs 1 to 5 ------------------------------------------------------------------------------

    private void loadPairs(Map<String, List<Path>> feeds) throws Exception {
        summary.add("");
        summary.add("## Operations (pairs 1 to 5)");
        summary.add("");
        summary.add("| pair | ours | Keycloak's | ours req/s | theirs req/s | throughput ratio | ours p50 ms | theirs p50 ms "
                + "| ours p95 ms | theirs p95 ms | p95 ratio | failed (ours/theirs) |");
        summary.add("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (String[] pair : PAIRS) {
            if (!pairs.contains(pair[2].substring(0, 1))) {
                continue;
            }
            // Without it the first measured phase, always ours, ran code the JIT had not compiled yet: in
            // a full run its p95 was 756 ms, against 501 to 560 ms in the other three phases.
            if (warmup > 0) {
                gatling(pair[0], nextFeed(feeds, pair[0]), warmup);
                gatling(pair[1], nextFeed(feeds, pair[1]), warmup);
            }
            List<JsonNode> ours = new ArrayList<>();
            List<JsonNode> theirs = new ArrayList<>();
            // Ours first, then theirs first: a drift over the phases (the server's or the machine's) weighs
            // on both sides alike.
            for (int round = 0; round < ROUNDS; round++) {
                for (int side : round % 2 == 0 ? new int[] {0, 1} : new int[] {1, 0}) {
                    (side == 0 ? ours : theirs).add(requestStats(gatling(pair[side], nextFeed(feeds, pair[side]), seconds), pair[side]));
                }
            }
            double[] a = combine(ours);
            double[] b = combine(theirs);
            // A failed request is mostly a token used up (a feed too small for the phase, read round
            // again): it costs the server little, so the side's numbers describe no real operation.
            boolean valid = a[3] == 0 && b[3] == 0;
            summary.add(String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %.1f | %s | %.0f | %.0f | %.0f | %.0f | %s | %.0f/%.0f |",
                    pair[2], pair[0], pair[1], a[0], b[0], ratioCell(a[0], b[0], valid), a[1], b[1], a[2], b[2],
                    ratioCell(a[2], b[2], valid), a[3], b[3]));
            String row = pair[2].substring(0, 1) + "," + pair[0] + "," + pair[1];
            csv.add(String.format(Locale.ROOT, "%s,req_per_s,%.2f,%.2f,%s", row, a[0], b[0], ratioValue(a[0], b[0], valid)));
            csv.add(String.format(Locale.ROOT, "%s,p50_ms,%.0f,%.0f,%s", row, a[1], b[1], ratioValue(a[1], b[1], valid)));
            csv.add(String.format(Locale.ROOT, "%s,p95_ms,%.0f,%.0f,%s", row, a[2], b[2], ratioValue(a[2], b[2], valid)));
        }
        if (pairs.contains("5")) {
            summary.add("");
            summary.add(timingOracle(feeds));
        }
        summary.add("");
        summary.add("Ratios are ours / Keycloak's. Per side: requests per second and failures summed over its two "
                + "phases, percentiles averaged over them. A ratio is void when a side had failed requests, most often "
                + "tokens used up because `bench.feed` is too small for the phases. Gatling's reports: `gatling/`.");
    }

    /**
     * Pair 5 as an attacker sees it: known and unknown addresses in random order within one phase, so
     * both meet the same server load, including the background work that known addresses cause.
     */
    private String timingOracle(Map<String, List<Path>> feeds) throws Exception {
        double known = 0;
        double unknown = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String stats = gatling("reset-request-mixed", nextFeed(feeds, "reset-request-known"), seconds);
            known += requestStats(stats, "reset-request-known").path("percentiles1").path("ok").asDouble() / ROUNDS;
            unknown += requestStats(stats, "reset-request-unknown").path("percentiles1").path("ok").asDouble() / ROUNDS;
        }
        csv.add(String.format(Locale.ROOT, "5,reset-request-known,reset-request-unknown,mixed_p50_ms,%.1f,%.1f,%.3f",
                known, unknown, known / unknown));
        // Gatling reports whole milliseconds, too coarse for 5% of a few ms: the same comparison once more,
        // one request at a time, timed in microseconds.
        List<String> addresses = new ArrayList<>();
        for (Path slice : feeds.get("reset-request-known")) {
            List<String> lines = Files.readAllLines(slice);
            addresses.addAll(lines.subList(1, lines.size()));
        }
        List<Long> knownMicros = new ArrayList<>();
        List<Long> unknownMicros = new ArrayList<>();
        Random random = new Random(7);
        for (String address : addresses) {
            String nobody = "nobody-" + UUID.randomUUID() + "@bench.example";
            boolean knownFirst = random.nextBoolean();
            long first = resetRequestMicros(knownFirst ? address : nobody);
            long second = resetRequestMicros(knownFirst ? nobody : address);
            knownMicros.add(knownFirst ? first : second);
            unknownMicros.add(knownFirst ? second : first);
        }
        double knownMedian = median(knownMicros) / 1000.0;
        double unknownMedian = median(unknownMicros) / 1000.0;
        csv.add(String.format(Locale.ROOT, "5,reset-request-known,reset-request-unknown,sequential_p50_ms,%.3f,%.3f,%.3f",
                knownMedian, unknownMedian, knownMedian / unknownMedian));
        return String.format(Locale.ROOT, "Pair 5 mixed, as an attacker sees it (known and unknown addresses in random order "
                + "in the same phases): median known %.0f ms, unknown %.0f ms (Gatling, %d users); one at a time, %d pairs: "
                + "median known %.3f ms, unknown %.3f ms, ratio **%.3f** (target within 5%%).", known, unknown, users,
                knownMicros.size(), knownMedian, unknownMedian, knownMedian / unknownMedian);
    }

    private static long resetRequestMicros(String email) {
        long started = System.nanoTime();
        require(Http.postJson(BASE + "/realms/" + REALM + "/invite-only/password-resets", null,
                Map.of("email", email)), 202);
        return (System.nanoTime() - started) / 1000;
    }

    /**
     * The next slice of an operation's feed. Each token slice is used once (pair 2 runs ours in two
     * comparisons, so it has twice the slices); users and addresses may come round again.
     */
    private Path nextFeed(Map<String, List<Path>> feeds, String operation) {
        List<Path> slices = feeds.get(operation);
        if (slices == null) {
            return null;
        }
        int use = feedUses.merge(operation, 1, Integer::sum) - 1;
        return slices.get(use % slices.size());
    }

    /** One phase: a Gatling process running one operation for some seconds; returns its report's statistics script. */
    private String gatling(String operation, Path feed, int phaseSeconds) throws Exception {
        Path results = Files.createDirectories(out.resolve("gatling"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", classpath,
                // What Gatling's own launcher opens for it.
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
                "-Dgatling.data.enableAnalytics=false",
                "-Dbench.base=" + BASE, "-Dbench.realm=" + REALM, "-Dbench.op=" + operation,
                "-Dbench.users=" + users, "-Dbench.seconds=" + phaseSeconds, "-Dbench.token=" + adminToken()));
        if (feed != null) {
            command.add("-Dbench.feed=" + feed.toAbsolutePath());
        }
        command.addAll(List.of("io.gatling.app.Gatling", "--simulation", PairSimulation.class.getName(),
                "--results-folder", results.toAbsolutePath().toString(), "--run-description", operation));
        Process gatling = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.resolve("gatling.log").toFile())).start();
        if (!gatling.waitFor(phaseSeconds + 300L, TimeUnit.SECONDS)) {
            gatling.destroyForcibly();
            throw new IllegalStateException("Gatling did not finish: " + operation);
        }
        Path report;
        try (Stream<Path> runs = Files.list(results)) {
            report = runs.filter(Files::isDirectory).max(Comparator.comparingLong(p -> p.toFile().lastModified()))
                    .orElseThrow();
        }
        return Files.readString(report.resolve("js").resolve("stats.js"));
    }

    /**
     * The numbers of one request name (or "All Requests") in Gatling's report script {@code js/stats.js}:
     * each stats block starts with its name, its values are strings.
     */
    static JsonNode requestStats(String statsJs, String name) {
        int start = statsJs.indexOf("\"name\": \"" + name + "\"");
        if (start < 0) {
            throw new IllegalStateException("No stats for " + name + " in Gatling's stats.js");
        }
        ObjectNode stats = JSON.createObjectNode();
        for (String field : List.of("numberOfRequests", "percentiles1", "percentiles3", "meanNumberOfRequestsPerSecond")) {
            Matcher matcher = Pattern.compile("\"" + field + "\": \\{\\s*\"total\": \"([^\"]*)\",\\s*\"ok\": \"([^\"]*)\",\\s*\"ko\": \"([^\"]*)\"")
                    .matcher(statsJs);
            if (!matcher.find(start)) {
                throw new IllegalStateException("No " + field + " for " + name + " in Gatling's stats.js");
            }
            stats.putObject(field).put("ok", number(matcher.group(2))).put("ko", number(matcher.group(3)));
        }
        return stats;
    }

    private static String ratioCell(double ours, double theirs, boolean valid) {
        return valid ? "**" + ratioValue(ours, theirs, true) + "**" : "void: failures";
    }

    /** ours / theirs, or empty when a side had failed requests. */
    private static String ratioValue(double ours, double theirs, boolean valid) {
        return valid ? String.format(Locale.ROOT, "%.3f", ours / theirs) : "";
    }

    private static double number(String value) {
        return value.isEmpty() || value.equals("-") ? 0 : Double.parseDouble(value);
    }

    /** req/s (OK, summed), p50, p95 (averaged), failures (summed) over the phases of one side. */
    private static double[] combine(List<JsonNode> phases) {
        double rps = 0;
        double p50 = 0;
        double p95 = 0;
        double failed = 0;
        for (JsonNode stats : phases) {
            rps += stats.path("meanNumberOfRequestsPerSecond").path("ok").asDouble() / phases.size();
            p50 += stats.path("percentiles1").path("ok").asDouble() / phases.size();
            p95 += stats.path("percentiles3").path("ok").asDouble() / phases.size();
            failed += stats.path("numberOfRequests").path("ko").asDouble();
        }
        return new double[] {rps, p50, p95, failed};
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static void require(Http.Reply reply, int status) {
        if (reply.status() != status) {
            throw new IllegalStateException("Expected " + status + ": " + reply);
        }
    }

    private static Path fresh(Path dist, String name) throws IOException {
        Path home = deleteTree(dist.getParent().resolve(name));
        try (Stream<Path> paths = Files.walk(dist)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = home.resolve(dist.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return home;
    }

    private static Path deleteTree(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return folder;
    }
}
