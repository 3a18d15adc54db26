package io.github.inviteonly.devserver;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import io.github.inviteonly.support.KeycloakServer;

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

        try (Mailbox mailbox = new Mailbox(SMTP_PORT, MAILBOX_PORT)) {
            // start-dev keeps data in the embedded dev-file database under the Keycloak home; KC_DB, KC_DB_URL and
            // the other KC_* variables of the caller's environment pass through. Ctrl-C ends Maven's JVM: the
            // launcher's shutdown hook stops Keycloak, and so does a failed or slow start.
            KeycloakServer keycloak = KeycloakServer.dev(keycloakHome)
                    .ports(KEYCLOAK_PORT, MANAGEMENT_PORT)
                    .options("--import-realm", "--health-enabled=true")
                    // Links in emails follow Keycloak's hostname; unset, they would follow each request's Host header.
                    .environmentDefault("KC_HOSTNAME", "http://localhost:" + KEYCLOAK_PORT)
                    .console()
                    .startTimeout(START_TIMEOUT)
                    .start();
            printUrls();
            System.out.println("Keycloak stopped (exit code " + keycloak.waitFor() + ")");
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
}
