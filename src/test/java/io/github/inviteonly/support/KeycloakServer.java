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
import java.util.List;
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
    private final KeycloakLaunch launch;
    private volatile long readyMillis = -1;

    private KeycloakServer(Process process, KeycloakLaunch launch) {
        this.process = process;
        this.launch = launch;
    }

    /** A process just launched: from now on stopped with this JVM, if not before. */
    static KeycloakServer running(Process process, KeycloakLaunch launch) {
        KeycloakServer server = new KeycloakServer(process, launch);
        RUNNING.add(server);
        return server;
    }

    void ready(long millis) {
        readyMillis = millis;
    }

    /** The process ended by itself: nothing left to stop. */
    void forget() {
        RUNNING.remove(this);
    }

    /** {@code kc.sh start-dev} in {@code home} on ports 8080 and 9000, as the benchmark runs it; see {@link KeycloakLaunch}. */
    public static KeycloakLaunch dev(Path home) {
        return new KeycloakLaunch(home, List.of("start-dev"));
    }

    /** {@code kc.sh start --optimized} in {@code home}, which {@link #build} has built; see {@link KeycloakLaunch}. */
    public static KeycloakLaunch production(Path home) {
        return new KeycloakLaunch(home, List.of("start", "--optimized"));
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

    static ProcessBuilder processBuilder(Path home, List<String> command, Path log) {
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
            while (launch.ports().stream().anyMatch(KeycloakServer::isOpen) && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            RUNNING.remove(this);
        }
    }

    static boolean isOpen(int port) {
        try (Socket ignored = new Socket("localhost", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int status(String url) {
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
