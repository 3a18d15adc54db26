package io.github.inviteonly.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.inviteonly.support.KeycloakServer;

/**
 * One node of the {@link Cluster}: its ports, its own copy of the built distribution (own data/ folder),
 * its current process and that process's log.
 */
final class Node {

    /** A new cluster view (ISPN000094), or one after a split healed (ISPN000093), with its member count. */
    private static final Pattern VIEW = Pattern.compile(
            "ISPN00009[34]: Received new,? (?:MERGED )?cluster view for channel \\S+: (?:MergeView::)?\\[[^]]*] \\((\\d+)\\)");

    final String name;
    final int httpPort;
    final int managementPort;
    final int jgroupsPort;
    final Path home;
    private final Path logs;
    private final List<String> clusterOptions;
    private final Duration startTimeout;
    private final Runnable onDown;
    private KeycloakServer server;
    private int starts;

    /**
     * @param clusterOptions server options every node shares (database, hostname)
     * @param onDown         run when the node is killed or stopped (what was obtained from it is void)
     */
    Node(String name, int httpPort, int managementPort, int jgroupsPort, Path work, List<String> clusterOptions,
         Duration startTimeout, Runnable onDown) {
        this.name = name;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.jgroupsPort = jgroupsPort;
        this.home = work.resolve(name);
        this.logs = work.resolve("logs");
        this.clusterOptions = clusterOptions;
        this.startTimeout = startTimeout;
        this.onDown = onDown;
    }

    static String base(int httpPort) {
        return "http://localhost:" + httpPort;
    }

    String base() {
        return base(httpPort);
    }

    String realm() {
        return base() + "/realms/" + Cluster.REALM;
    }

    /** {@code /realms/demo/invite-only}. */
    String api() {
        return realm() + "/invite-only";
    }

    /** {@code /admin/realms/demo/invite-only}. */
    String adminApi() {
        return adminRealm() + "/invite-only";
    }

    String adminRealm() {
        return base() + "/admin/realms/" + Cluster.REALM;
    }

    /** The same link as served by this node: what a load balancer in front of both would do. */
    String onThisNode(String link) {
        return link.replaceFirst("^https?://[^/]+", base());
    }

    boolean isUp() {
        return server != null && server.isAlive();
    }

    Path log() {
        return logs.resolve(name + "-" + starts + ".log");
    }

    void start() throws IOException, InterruptedException {
        starts++;
        System.out.printf("[cluster] starting %s (start #%d, log %s)%n", name, starts, log());
        List<String> options = new ArrayList<>(clusterOptions);
        options.addAll(List.of("--http-enabled=true", "--http-host=127.0.0.1",
                "--proxy-headers=xforwarded",
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + jgroupsPort,
                "--spi-cache-embedded-default-node-name=" + name));
        server = KeycloakServer.production(home)
                .ports(httpPort, managementPort)
                .options(options.toArray(String[]::new))
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
        onDown.run();
        server.kill();
    }

    void stop() {
        onDown.run();
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
