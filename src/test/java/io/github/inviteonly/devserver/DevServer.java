package io.github.inviteonly.devserver;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code ./mvnw -Prun} starts: a mail catcher for the demo realm's SMTP (with a page to read it),
 * then Keycloak with the extension and the demo realm, until Ctrl-C. Whatever way it ends (Ctrl-C, a
 * failed or slow start-up), everything it started is stopped. Maven has already built the JAR and
 * unpacked the distribution; this only wires the pieces together. Not part of the provider JAR.
 *
 * <p>Arguments: Keycloak home, provider JAR, realm file. {@code -Drun.startTimeoutMinutes} (default 15)
 * bounds the wait for Keycloak, whose first start imports the realm and can be slow on a busy machine.
 */
public final class DevServer {

    private static final int KEYCLOAK_PORT = 8080;
    private static final int MANAGEMENT_PORT = 9000;
    private static final int SMTP_PORT = 3025;
    private static final int MAILBOX_PORT = 8025;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(Long.getLong("run.startTimeoutMinutes", 15));

    private DevServer() {
    }

    public static void main(String[] args) throws Exception {
        Path keycloakHome = Path.of(args[0]).toAbsolutePath();
        Path providerJar = Path.of(args[1]);
        Path realmFile = Path.of(args[2]);

        requireFree(KEYCLOAK_PORT, "Keycloak");
        requireFree(MANAGEMENT_PORT, "Keycloak's management interface");
        requireFree(SMTP_PORT, "the mail catcher's SMTP");
        requireFree(MAILBOX_PORT, "the mailbox page");

        install(keycloakHome, providerJar, realmFile);

        List<Process> started = new ArrayList<>();
        try (Mailbox mailbox = new Mailbox(SMTP_PORT, MAILBOX_PORT)) {
            // Ctrl-C ends Maven's JVM: the hook stops Keycloak; the mailbox ends with the JVM.
            Thread stopper = new Thread(() -> stopAll(started));
            Runtime.getRuntime().addShutdownHook(stopper);
            try {
                Process keycloak = startKeycloak(keycloakHome);
                started.add(keycloak);
                waitUntilReady(keycloak);
                printUrls();
                int exit = keycloak.waitFor();
                System.out.println("Keycloak stopped (exit code " + exit + ")");
            } finally {
                stopAll(started);
            }
        }
    }

    /** Puts our JAR into providers/ and the demo realm where {@code --import-realm} reads it. */
    private static void install(Path keycloakHome, Path providerJar, Path realmFile) throws IOException {
        Path providers = Files.createDirectories(keycloakHome.resolve("providers"));
        Files.copy(providerJar, providers.resolve("keycloak-invite-only.jar"), StandardCopyOption.REPLACE_EXISTING);
        Path imports = Files.createDirectories(keycloakHome.resolve("data").resolve("import"));
        Files.copy(realmFile, imports.resolve("realm-export.json"), StandardCopyOption.REPLACE_EXISTING);
        keycloakHome.resolve("bin").resolve("kc.sh").toFile().setExecutable(true);
    }

    /**
     * {@code start-dev} keeps data in the embedded dev-file database under the Keycloak home; KC_DB,
     * KC_DB_URL and the other KC_* variables of the caller's environment pass through unchanged.
     */
    private static Process startKeycloak(Path keycloakHome) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("./kc.sh", "start-dev", "--import-realm",
                "--http-port=" + KEYCLOAK_PORT, "--health-enabled=true");
        builder.directory(keycloakHome.resolve("bin").toFile());
        Map<String, String> env = builder.environment();
        env.putIfAbsent("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.putIfAbsent("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        // Links in emails follow Keycloak's hostname; unset, they would follow each request's Host header.
        env.putIfAbsent("KC_HOSTNAME", "http://localhost:" + KEYCLOAK_PORT);
        builder.inheritIO();
        return builder.start();
    }

    private static void waitUntilReady(Process keycloak) throws InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        URI ready = URI.create("http://localhost:" + MANAGEMENT_PORT + "/health/ready");
        while (Instant.now().isBefore(deadline)) {
            if (!keycloak.isAlive()) {
                throw new IllegalStateException("Keycloak exited during start-up (exit code " + keycloak.exitValue() + ")");
            }
            if (status(ready) == 200) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("Keycloak was not ready within " + START_TIMEOUT.toMinutes()
                + " minutes; a busy machine may need more: -Drun.startTimeoutMinutes=30");
    }

    private static void printUrls() {
        String base = "http://localhost:" + KEYCLOAK_PORT;
        String mailbox = "http://localhost:" + MAILBOX_PORT;
        System.out.println();
        System.out.println("==============================================================================");
        System.out.println(" keycloak-invite-only is running (Ctrl-C stops Keycloak and the mailbox)");
        System.out.println();
        System.out.println(" Admin console        " + base + "/admin/   (admin / admin on first start)");
        System.out.println(" Demo realm console   " + base + "/admin/demo/console/   (alice@example.com / alice-Passw0rd!)");
        System.out.println(" Demo account console " + base + "/realms/demo/account/");
        System.out.println(" Who am I (bearer)    " + base + "/realms/demo/invite-only/me");
        System.out.println(" API docs             " + base + "/realms/demo/invite-only/docs   and   /redoc");
        System.out.println(" Mailbox              " + mailbox + "/   (every email Keycloak sent; open one, click its link)");
        System.out.println("==============================================================================");
        System.out.println();
    }

    /** Idempotent: from the shutdown hook and from the end of main, whichever comes first. */
    private static synchronized void stopAll(List<Process> processes) {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            if (!process.isAlive()) {
                continue;
            }
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static void requireFree(int port, String what) {
        if (isOpen(port)) {
            throw new IllegalStateException("Port " + port + " (" + what + ") is in use: stop whatever runs there first");
        }
    }

    private static boolean isOpen(int port) {
        try (Socket ignored = new Socket("localhost", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int status(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(5000);
            return connection.getResponseCode();
        } catch (IOException e) {
            return -1;
        }
    }
}
