package io.github.inviteonly.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.inviteonly.support.Eventually;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.KeycloakServer;

/**
 * Two Keycloak nodes in production mode with the extension, on one PostgreSQL database, clustered by
 * Keycloak's default stack (JGroups with jdbc-ping: the nodes find each other through the database), the
 * demo realm imported, its SMTP pointed at a {@link MailCatcher}.
 *
 * <p>Configuration (system properties, set by the {@code cluster} Maven profile): {@code cluster.dist} the
 * unpacked Keycloak distribution, {@code cluster.work} a folder for the nodes and their logs,
 * {@code provider.jar}, {@code cluster.postgres.url} / {@code .user} / {@code .password} (an existing
 * database, which is <b>emptied</b> first), {@code cluster.startTimeoutMinutes} (10) per node start.
 * Ports: HTTP 18080/18081, management 19000/19001, JGroups 17800/17801 on 127.0.0.1 (failure detection
 * 47800/47801), SMTP 13025.
 */
final class Cluster implements AutoCloseable {

    /** How long the suite waits for what the nodes do after answering (-Dcluster.waitSeconds, default 60). */
    static final Duration WAIT = Duration.ofSeconds(Long.getLong("cluster.waitSeconds", 60));

    static final String REALM = "demo";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A new cluster view (ISPN000094), or one after a split healed (ISPN000093), with its member count. */
    private static final Pattern VIEW = Pattern.compile(
            "ISPN00009[34]: Received new,? (?:MERGED )?cluster view for channel \\S+: (?:MergeView::)?\\[[^]]*] \\((\\d+)\\)");
    /** Build options: the nodes start with {@code --optimized}, so these are fixed here. */
    private static final String[] BUILD_OPTIONS = {"--db=postgres", "--cache=ispn", "--health-enabled=true"};

    final Node a;
    final Node b;
    final MailCatcher mail = new MailCatcher(13025);
    private final Path work;
    private final Duration startTimeout;
    private final String dbUrl;
    private final String dbUser;
    private final String dbPassword;
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();

    /** One node: its ports, its own copy of the built distribution (own data/ folder), its current process. */
    final class Node {
        final String name;
        final int httpPort;
        final int managementPort;
        final int jgroupsPort;
        final Path home;
        private KeycloakServer server;
        private int starts;

        private Node(String name, int httpPort, int managementPort, int jgroupsPort) {
            this.name = name;
            this.httpPort = httpPort;
            this.managementPort = managementPort;
            this.jgroupsPort = jgroupsPort;
            this.home = work.resolve(name);
        }

        String base() {
            return "http://localhost:" + httpPort;
        }

        String realm() {
            return base() + "/realms/" + REALM;
        }

        /** {@code /realms/demo/invite-only}. */
        String api() {
            return realm() + "/invite-only";
        }

        /** {@code /admin/realms/demo/invite-only}. */
        String adminApi() {
            return base() + "/admin/realms/" + REALM + "/invite-only";
        }

        String adminRealm() {
            return base() + "/admin/realms/" + REALM;
        }

        /** The same link as served by this node: what a load balancer in front of both would do. */
        String onThisNode(String link) {
            return link.replaceFirst("^https?://[^/]+", base());
        }

        boolean isUp() {
            return server != null && server.isAlive();
        }

        Path log() {
            return work.resolve("logs").resolve(name + "-" + starts + ".log");
        }

        private void start() throws IOException, InterruptedException {
            starts++;
            System.out.printf("[cluster] starting %s (start #%d, log %s)%n", name, starts, log());
            server = KeycloakServer.production(home)
                    .ports(httpPort, managementPort)
                    .options("--db-url=" + dbUrl, "--db-username=" + dbUser, "--db-password=" + dbPassword,
                            "--http-enabled=true", "--http-host=127.0.0.1",
                            // One address for the cluster, as behind a load balancer: tokens of either node carry
                            // the same issuer, and links in emails point there.
                            "--hostname=" + a.base(),
                            "--proxy-headers=xforwarded",
                            "--cache-embedded-network-bind-address=127.0.0.1",
                            "--cache-embedded-network-bind-port=" + jgroupsPort,
                            "--spi-cache-embedded-default-node-name=" + name)
                    // Failure detection listens at the bind port plus this offset (default 50000: beyond 65535 here).
                    .javaOptions("-Djgroups.fd.port-offset=30000", "-Xms256m", "-Xmx768m")
                    .log(log())
                    .startTimeout(startTimeout)
                    .start();
            System.out.printf("[cluster] %s ready in %d ms%n", name, server.readyMillis());
        }

        /** {@code kill -9}. */
        void kill() {
            System.out.printf("[cluster] kill -9 %s%n", name);
            tokens.clear();
            server.kill();
        }

        void stop() {
            tokens.clear();
            if (server != null && server.isAlive()) {
                server.close();
            }
        }

        /** The member count of the last cluster view this node logged, 0 before the first. */
        int members() {
            try {
                int members = 0;
                Matcher matcher = VIEW.matcher(Files.readString(log(), StandardCharsets.ISO_8859_1));
                while (matcher.find()) {
                    members = Integer.parseInt(matcher.group(1));
                }
                return members;
            } catch (IOException e) {
                return 0;
            }
        }
    }

    private Cluster() {
        this.work = Path.of(required("cluster.work")).toAbsolutePath();
        this.startTimeout = Duration.ofMinutes(Long.getLong("cluster.startTimeoutMinutes", 10));
        this.dbUrl = required("cluster.postgres.url");
        this.dbUser = System.getProperty("cluster.postgres.user", "keycloak");
        this.dbPassword = System.getProperty("cluster.postgres.password", "keycloak");
        this.a = new Node("node-a", 18080, 19000, 17800);
        this.b = new Node("node-b", 18081, 19001, 17801);
    }

    /** Everything up: database emptied, distribution built, mail server, both nodes clustered, demo realm imported. */
    static Cluster start() throws Exception {
        Cluster cluster = new Cluster();
        try {
            cluster.emptyDatabase();
            cluster.prepareNodes();
            cluster.mail.start();
            cluster.a.start();
            cluster.b.start();
            cluster.awaitMembers(2);
            cluster.importRealm();
            return cluster;
        } catch (Throwable e) {
            cluster.close();
            throw e;
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set: run the cluster suite with "
                    + "`./mvnw verify -Pcluster` (its profile sets it), after `bash .ci/postgres keycloak_cluster`");
        }
        return value;
    }

    private void emptyDatabase() {
        try (Connection connection = DriverManager.getConnection(dbUrl, dbUser, dbPassword);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA public CASCADE");
            statement.execute("CREATE SCHEMA public");
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is needed at " + dbUrl + " (user " + dbUser + "): " + e.getMessage()
                    + ". Start it and create the database with `bash .ci/postgres keycloak_cluster` "
                    + "(or name another one with -Dcluster.postgres.url=…)", e);
        }
    }

    /**
     * Builds the distribution for PostgreSQL and the clustered cache with our JAR (skipped when the JAR's
     * content and the options are those of the last build), then gives each node its own copy: hard links
     * to the built files, and a data/ folder of its own (transaction logs, temporary files).
     */
    private void prepareNodes() throws Exception {
        Path dist = Path.of(required("cluster.dist")).toAbsolutePath();
        Path jar = Path.of(required("provider.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No provider JAR at " + jar + ": the package phase builds it");
        }
        // Logs of this run only: a node's member count is read from its log.
        deleteTree(work.resolve("logs"));
        Files.createDirectories(work.resolve("logs"));
        Path marker = dist.resolve(".cluster-build");
        String fingerprint = contentDigest(jar) + " " + String.join(" ", BUILD_OPTIONS);
        boolean built = Files.exists(marker);
        if (!built || !Files.readString(marker).equals(fingerprint)) {
            Files.copy(jar, Files.createDirectories(dist.resolve("providers")).resolve("keycloak-invite-only.jar"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            long started = System.nanoTime();
            System.out.println("[cluster] kc.sh build " + String.join(" ", BUILD_OPTIONS)
                    + (built ? " (the JAR changed since the last build)" : " (first build of " + dist + ")"));
            KeycloakServer.build(dist, work.resolve("logs").resolve("build.log"), startTimeout, BUILD_OPTIONS);
            Files.writeString(marker, fingerprint);
            System.out.printf("[cluster] built in %d s%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
        }
        for (Node node : List.of(a, b)) {
            deleteTree(node.home);
            linkTree(dist, node.home);
        }
    }

    /** A digest of the JAR's entries (names and bytes), not of the file: a rebuild with equal content is equal. */
    private static String contentDigest(Path jar) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            List<String[]> entries = new ArrayList<>();
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                MessageDigest one = MessageDigest.getInstance("SHA-256");
                one.update(zip.readAllBytes());
                entries.add(new String[] {entry.getName(), HexFormat.of().formatHex(one.digest())});
            }
            entries.sort(Comparator.comparing(e -> e[0]));
            for (String[] entry : entries) {
                digest.update((entry[0] + "=" + entry[1] + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void linkTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path relative = from.relativize(source);
                if (relative.startsWith("data") || relative.toString().equals(".cluster-build")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    try {
                        Files.createLink(target, source);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(source, target);
                    }
                    target.toFile().setExecutable(source.toFile().canExecute());
                }
            }
        }
        Files.createDirectories(to.resolve("data"));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    /** Every running node's last cluster view has {@code n} members. */
    void awaitMembers(int n) {
        Eventually.value("a cluster view of " + n + " members on every running node (ISPN000094 in " + a.log() + ", " + b.log() + ")",
                Duration.ofMinutes(2), () -> Stream.of(a, b).filter(Node::isUp).allMatch(node -> node.members() == n) ? true : null);
    }

    /** Both nodes running and clustered; a node a test left dead is started again. */
    void ensureUp() throws Exception {
        if (!mail.isUp()) {
            mail.start();
        }
        boolean restarted = false;
        for (Node node : List.of(a, b)) {
            if (!node.isUp()) {
                node.start();
                restarted = true;
            }
        }
        if (restarted) {
            awaitMembers(2);
        }
    }

    /** {@code kill -9} of the node; returns once the other node has seen it leave. */
    void kill(Node node) {
        node.kill();
        awaitMembers(1);
    }

    /** Starts the node again and waits until both are clustered. */
    void restart(Node node) throws Exception {
        node.start();
        awaitMembers(2);
    }

    /** Both nodes stopped as an operator would, then started again (a full-cluster restart). */
    void restartAll() throws Exception {
        stopAll();
        a.start();
        b.start();
        awaitMembers(2);
    }

    private void importRealm() throws IOException {
        ObjectNode realm;
        try (InputStream in = Cluster.class.getResourceAsStream("/realm-export.json")) {
            if (in == null) {
                throw new IllegalStateException("realm-export.json is not on the test classpath");
            }
            realm = (ObjectNode) JSON.readTree(in);
        }
        ObjectNode smtp = (ObjectNode) realm.get("smtpServer");
        smtp.put("host", "127.0.0.1");
        smtp.put("port", String.valueOf(mail.port()));
        Http.Reply created = Http.postJson(a.base() + "/admin/realms", masterToken(a), JSON.writeValueAsString(realm));
        if (created.status() != 201) {
            throw new IllegalStateException("Importing the demo realm failed: " + created);
        }
        // The other node sees it through the cluster's invalidation.
        Eventually.value("the demo realm on " + b.name, Cluster.WAIT, () -> Http.get(b.realm(), null).status() == 200 ? true : null);
    }

    /** A token of the master realm's bootstrap admin. */
    String masterToken(Node node) {
        Http.Reply reply = Http.postForm(node.base() + "/realms/master/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"));
        if (reply.status() != 200) {
            throw new IllegalStateException("Master admin login on " + node.name + " failed: " + reply);
        }
        return reply.json().get("access_token").asText();
    }

    /** A password grant on demo-app at the node; the token response. */
    Http.Reply passwordGrant(Node node, String username, String password) {
        return Http.postForm(node.realm() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "demo-app", "username", username, "password", password, "scope", "openid"));
    }

    /**
     * An access token of the user, signed in through the node. Kept for a minute (the demo realm's tokens
     * live five): with one issuer for the cluster it works on either node, and each sign-in costs a password
     * hash. Forgotten when a node goes down.
     */
    String accessToken(Node node, String username, String password) {
        CachedToken cached = tokens.get(username);
        if (cached != null && System.nanoTime() - cached.obtained() < TimeUnit.MINUTES.toNanos(1)) {
            return cached.token();
        }
        Http.Reply reply = passwordGrant(node, username, password);
        if (reply.status() != 200) {
            throw new AssertionError("Login of " + username + " on " + node.name + " failed: " + reply);
        }
        String token = reply.json().get("access_token").asText();
        tokens.put(username, new CachedToken(token, System.nanoTime()));
        return token;
    }

    private record CachedToken(String token, long obtained) {
    }

    @Override
    public void close() {
        stopAll();
        mail.close();
    }

    /** Both nodes stopped at the same time, as an operator would (SIGTERM). */
    private void stopAll() {
        List<Thread> stoppers = new ArrayList<>();
        for (Node node : List.of(a, b)) {
            Thread stopper = new Thread(node::stop, "stop-" + node.name);
            stopper.start();
            stoppers.add(stopper);
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
