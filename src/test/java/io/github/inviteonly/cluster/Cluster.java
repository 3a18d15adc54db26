package io.github.inviteonly.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.inviteonly.support.Eventually;
import io.github.inviteonly.support.Http;

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
    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    final Node a;
    final Node b;
    final MailCatcher mail = new MailCatcher(13025);
    private final Path work;
    private final Duration startTimeout;
    private final String dbUrl;
    private final String dbUser;
    private final String dbPassword;
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();

    private Cluster() {
        this.work = Path.of(required("cluster.work")).toAbsolutePath();
        this.startTimeout = Duration.ofMinutes(Long.getLong("cluster.startTimeoutMinutes", 10));
        this.dbUrl = required("cluster.postgres.url");
        this.dbUser = System.getProperty("cluster.postgres.user", "keycloak");
        this.dbPassword = System.getProperty("cluster.postgres.password", "keycloak");
        List<String> options = List.of("--db-url=" + dbUrl, "--db-username=" + dbUser, "--db-password=" + dbPassword,
                // One address for the cluster, as behind a load balancer: tokens of either node carry
                // the same issuer, and links in emails point there.
                "--hostname=" + Node.base(18080),
                // The sweep (emails left unsent, expiries) every few seconds instead of every minute.
                "--spi-events-listener--invite-only-password-reset--sweep-interval-seconds=" + SWEEP_INTERVAL.toSeconds());
        this.a = new Node("node-a", 18080, 19000, 17800, work, options, startTimeout, tokens::clear);
        this.b = new Node("node-b", 18081, 19001, 17801, work, options, startTimeout, tokens::clear);
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

    private void prepareNodes() throws Exception {
        NodeCopies.prepare(Path.of(required("cluster.dist")).toAbsolutePath(), Path.of(required("provider.jar")),
                work.resolve("logs"), startTimeout, List.of(a, b));
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
