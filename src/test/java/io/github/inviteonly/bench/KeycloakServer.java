package io.github.inviteonly.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A Keycloak distribution started as its own process ({@code kc.sh start-dev}), timed and measured. */
final class KeycloakServer implements AutoCloseable {

    static final String BASE = "http://localhost:8080";
    private static final String MANAGEMENT = "http://localhost:9000";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final long readyMillis;

    private KeycloakServer(Process process, long readyMillis) {
        this.process = process;
        this.readyMillis = readyMillis;
    }

    /**
     * Starts and waits for {@code /health/ready}; the time counts from launching the process. With a
     * {@code recording} file, the server runs under Java Flight Recorder (profile settings) until it stops.
     */
    static KeycloakServer start(Path home, Path log, Path recording, String... extraArguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("./kc.sh", "start-dev", "--http-port=8080",
                "--health-enabled=true", "--metrics-enabled=true"));
        command.addAll(List.of(extraArguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.resolve("bin").toFile());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        if (recording != null) {
            builder.environment().put("JAVA_OPTS_APPEND",
                    "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording.toAbsolutePath());
        }
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        home.resolve("bin").resolve("kc.sh").toFile().setExecutable(true);
        long started = System.nanoTime();
        Process process = builder.start();
        long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(5);
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited during start-up; see " + log);
            }
            if (status(MANAGEMENT + "/health/ready") == 200) {
                return new KeycloakServer(process, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("Keycloak was not ready within 5 minutes; see " + log);
    }

    long readyMillis() {
        return readyMillis;
    }

    /** Heap in use after a full GC, from the JVM's own numbers (jcmd, then Keycloak's metrics). */
    long heapUsedAfterGc() throws IOException, InterruptedException {
        ProcessHandle java = process.toHandle().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst().orElse(process.toHandle());
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (Files.isExecutable(jcmd)) {
            new ProcessBuilder(jcmd.toString(), String.valueOf(java.pid()), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
        }
        long used = 0;
        for (String line : get(MANAGEMENT + "/metrics").split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                used += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return used;
    }

    @Override
    public void close() throws InterruptedException {
        process.toHandle().descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        // The ports must be free before the next start.
        while (status(MANAGEMENT + "/health") != -1) {
            Thread.sleep(200);
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
