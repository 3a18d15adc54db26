package io.github.inviteonly.support;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A Keycloak distribution started as its own process ({@code kc.sh start-dev}, or {@code kc.sh start}
 * after {@link #build}), timed and measured; the one launcher of the benchmark and the cluster suite.
 *
 * <p>Every server started here is also stopped when this JVM ends, however it ends (a failed test,
 * Ctrl-C): a shutdown hook stops what is still running (killed after a minute). Only the processes
 * started here are touched.
 */
public final class KeycloakServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Set<KeycloakServer> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Set<Process> BUILDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            BUILDING.forEach(build -> {
                build.descendants().forEach(ProcessHandle::destroyForcibly);
                build.destroyForcibly();
            });
            List.copyOf(RUNNING).parallelStream().forEach(KeycloakServer::close);
        }, "keycloak-server-stopper"));
    }

    private final Process process;
    private final Launch launch;
    private volatile long readyMillis = -1;

    private KeycloakServer(Process process, Launch launch) {
        this.process = process;
        this.launch = launch;
    }

    /** {@code kc.sh start-dev} in {@code home} on ports 8080 and 9000, as the benchmark runs it; see {@link Launch}. */
    public static Launch dev(Path home) {
        return new Launch(home, List.of("start-dev"));
    }

    /** {@code kc.sh start --optimized} in {@code home}, which {@link #build} has built; see {@link Launch}. */
    public static Launch production(Path home) {
        return new Launch(home, List.of("start", "--optimized"));
    }

    /** {@code kc.sh build} with the given build options; fails with the log's name unless it succeeds in time. */
    public static void build(Path home, Path log, Duration timeout, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("./kc.sh", "build"));
        command.addAll(List.of(options));
        Process process = processBuilder(home, command, log).start();
        BUILDING.add(process);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("kc.sh build did not finish within " + timeout.toMinutes() + " minutes; see " + log);
            }
        } finally {
            BUILDING.remove(process);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("kc.sh build failed (exit code " + process.exitValue() + "); see " + log);
        }
    }

    /** What to start: command, ports, options, environment, log, time limit. */
    public static final class Launch {

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

        private Launch(Path home, List<String> command) {
            this.home = home;
            this.command = command;
            environmentDefault("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            environmentDefault("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        }

        public Launch ports(int http, int management) {
            this.httpPort = http;
            this.managementPort = management;
            return this;
        }

        /** Server options ({@code --name=value}), after the command and the ports. */
        public Launch options(String... more) {
            options.addAll(List.of(more));
            return this;
        }

        /** Options for the server's JVM ({@code JAVA_OPTS_APPEND}). */
        public Launch javaOptions(String... more) {
            javaOptions.addAll(List.of(more));
            return this;
        }

        /** With a file, the server runs under Java Flight Recorder (profile settings) until it stops. */
        public Launch recording(Path file) {
            if (file != null) {
                javaOptions.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + file.toAbsolutePath());
            }
            return this;
        }

        public Launch environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** A variable the caller's own environment may set otherwise (e.g. {@code KC_DB}, {@code KC_HOSTNAME}). */
        public Launch environmentDefault(String name, String value) {
            if (System.getenv(name) == null) {
                environment.put(name, value);
            }
            return this;
        }

        /** The server's output on this process's console (the run command), instead of a log file. */
        public Launch console() {
            this.console = true;
            return this;
        }

        /** Output of the server, appended. */
        public Launch log(Path file) {
            this.log = file;
            return this;
        }

        public Launch startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public String baseUrl() {
            return "http://localhost:" + httpPort;
        }

        public String managementUrl() {
            return "http://localhost:" + managementPort;
        }

        /**
         * Starts and waits for {@code /health/ready}; the time counts from launching the process. Fails
         * (and stops the process) when it exits or is not ready in time, naming the log.
         */
        public KeycloakServer start() throws IOException, InterruptedException {
            for (int port : List.of(httpPort, managementPort)) {
                if (isOpen(port)) {
                    throw new IllegalStateException("Port " + port + " is in use: Keycloak cannot start there (" + home + ")");
                }
            }
            List<String> full = new ArrayList<>(List.of("./kc.sh"));
            full.addAll(command);
            full.addAll(List.of("--http-port=" + httpPort, "--http-management-port=" + managementPort));
            full.addAll(options);
            ProcessBuilder builder = processBuilder(home, full, log);
            if (console) {
                builder.inheritIO();
            }
            builder.environment().putAll(environment);
            if (!javaOptions.isEmpty()) {
                builder.environment().put("JAVA_OPTS_APPEND", String.join(" ", javaOptions));
            }
            long started = System.nanoTime();
            Process process = builder.start();
            KeycloakServer server = new KeycloakServer(process, this);
            RUNNING.add(server);
            long deadline = System.currentTimeMillis() + startTimeout.toMillis();
            while (System.currentTimeMillis() < deadline) {
                if (!process.isAlive()) {
                    RUNNING.remove(server);
                    throw new IllegalStateException("Keycloak exited during start-up (exit code " + process.exitValue() + "); see " + log);
                }
                if (status(managementUrl() + "/health/ready") == 200) {
                    server.readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                    return server;
                }
                // Each probe of a server that is not ready yet is a line in its log.
                Thread.sleep(500);
            }
            server.kill();
            throw new IllegalStateException("Keycloak was not ready within " + startTimeout.toMinutes() + " minutes; see " + log);
        }
    }

    private static ProcessBuilder processBuilder(Path home, List<String> command, Path log) {
        home.resolve("bin").resolve("kc.sh").toFile().setExecutable(true);
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.resolve("bin").toFile());
        builder.redirectErrorStream(true);
        builder.redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.appendTo(log.toFile()));
        return builder;
    }

    public String baseUrl() {
        return launch.baseUrl();
    }

    public String managementUrl() {
        return launch.managementUrl();
    }

    public long readyMillis() {
        return readyMillis;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Until the server ends (e.g. Ctrl-C: the shutdown hook stops it); its exit code. */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** Heap in use after a full GC, from the JVM's own numbers (jcmd, then Keycloak's metrics). */
    public long heapUsedAfterGc() throws IOException, InterruptedException {
        ProcessHandle java = process.toHandle().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst().orElse(process.toHandle());
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (Files.isExecutable(jcmd)) {
            new ProcessBuilder(jcmd.toString(), String.valueOf(java.pid()), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
        }
        long used = 0;
        for (String line : get(managementUrl() + "/metrics").split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                used += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return used;
    }

    /**
     * {@code kill -9}: the server's JVM (and kc.sh around it) end at once, with no shutdown of their own,
     * as when a machine dies. Returns once they are gone and the ports are free.
     */
    public void kill() {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        awaitGone();
    }

    /** Stops the server as an operator would (SIGTERM), forcibly after a minute; returns once the ports are free. */
    @Override
    public void close() {
        process.toHandle().descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        awaitGone();
    }

    private void awaitGone() {
        try {
            process.waitFor(60, TimeUnit.SECONDS);
            process.toHandle().descendants().forEach(p -> p.onExit().join());
            long deadline = System.currentTimeMillis() + 60_000;
            // The ports must be free before the next start.
            while ((isOpen(launch.httpPort) || isOpen(launch.managementPort)) && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            RUNNING.remove(this);
        }
    }

    private static boolean isOpen(int port) {
        try (Socket ignored = new Socket("localhost", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
