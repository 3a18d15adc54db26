package io.github.inviteonly.support;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What {@link KeycloakServer} is to start: command, ports, options, environment, log, time limit; and the
 * start itself, timed until the server is ready. Made by {@link KeycloakServer#dev} or
 * {@link KeycloakServer#production}.
 */
public final class KeycloakLaunch {

    private final Path home;
    private final List<String> command;
    private final List<String> options = new ArrayList<>();
    private final List<String> javaOptions = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private int httpPort = 8080;
    private int managementPort = 9000;
    private Path log;
    private Duration startTimeout = Duration.ofMinutes(10);
    private boolean console;

    KeycloakLaunch(Path home, List<String> command) {
        this.home = home;
        this.command = command;
        environmentDefault("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        environmentDefault("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
    }

    public KeycloakLaunch ports(int http, int management) {
        this.httpPort = http;
        this.managementPort = management;
        return this;
    }

    /** Server options ({@code --name=value}), after the command and the ports. */
    public KeycloakLaunch options(String... more) {
        options.addAll(List.of(more));
        return this;
    }

    /** Options for the server's JVM ({@code JAVA_OPTS_APPEND}). */
    public KeycloakLaunch javaOptions(String... more) {
        javaOptions.addAll(List.of(more));
        return this;
    }

    /** With a file, the server runs under Java Flight Recorder (profile settings) until it stops. */
    public KeycloakLaunch recording(Path file) {
        if (file != null) {
            javaOptions.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + file.toAbsolutePath());
        }
        return this;
    }

    public KeycloakLaunch environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** A variable the caller's own environment may set otherwise (e.g. {@code KC_DB}, {@code KC_HOSTNAME}). */
    public KeycloakLaunch environmentDefault(String name, String value) {
        if (System.getenv(name) == null) {
            environment.put(name, value);
        }
        return this;
    }

    /** The server's output on this process's console (the run command), instead of a log file. */
    public KeycloakLaunch console() {
        this.console = true;
        return this;
    }

    /** Output of the server, appended. */
    public KeycloakLaunch log(Path file) {
        this.log = file;
        return this;
    }

    public KeycloakLaunch startTimeout(Duration timeout) {
        this.startTimeout = timeout;
        return this;
    }

    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    public String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    List<Integer> ports() {
        return List.of(httpPort, managementPort);
    }

    /**
     * Starts and waits for {@code /health/ready}; the time counts from launching the process. Fails
     * (and stops the process) when it exits or is not ready in time, naming the log.
     */
    public KeycloakServer start() throws IOException, InterruptedException {
        for (int port : ports()) {
            if (KeycloakServer.isOpen(port)) {
                throw new IllegalStateException("Port " + port + " is in use: Keycloak cannot start there (" + home + ")");
            }
        }
        List<String> full = new ArrayList<>(List.of("./kc.sh"));
        full.addAll(command);
        full.addAll(List.of("--http-port=" + httpPort, "--http-management-port=" + managementPort));
        full.addAll(options);
        ProcessBuilder builder = KeycloakServer.processBuilder(home, full, log);
        if (console) {
            builder.inheritIO();
        }
        builder.environment().putAll(environment);
        if (!javaOptions.isEmpty()) {
            builder.environment().put("JAVA_OPTS_APPEND", String.join(" ", javaOptions));
        }
        long started = System.nanoTime();
        Process process = builder.start();
        KeycloakServer server = KeycloakServer.running(process, this);
        long deadline = System.currentTimeMillis() + startTimeout.toMillis();
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                server.forget();
                throw new IllegalStateException("Keycloak exited during start-up (exit code " + process.exitValue() + "); see " + log);
            }
            if (KeycloakServer.status(managementUrl() + "/health/ready") == 200) {
                server.ready(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                return server;
            }
            // Each probe of a server that is not ready yet is a line in its log.
            Thread.sleep(500);
        }
        server.kill();
        throw new IllegalStateException("Keycloak was not ready within " + startTimeout.toMinutes() + " minutes; see " + log);
    }
}
