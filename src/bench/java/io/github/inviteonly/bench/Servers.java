package io.github.inviteonly.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

import com.icegreen.greenmail.smtp.SmtpConnection;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.inviteonly.support.KeycloakServer;
import org.slf4j.LoggerFactory;

/**
 * The servers a run starts: copies of the Keycloak distribution (without and with the extension), each
 * started on 8080/9000, the load server's database, and the mail catcher on 3025.
 */
final class Servers {

    /** A PostgreSQL JDBC URL for the load server; null: H2. */
    static final String POSTGRES = System.getProperty("bench.postgres");

    private Servers() {
    }

    /** A copy of the distribution beside it, replacing an earlier run's: each configuration builds its own. */
    static Path copy(Path dist, String name) throws IOException {
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

    static Path deleteTree(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return folder;
    }

    /**
     * Starts Keycloak in {@code home} with {@code start-dev} on 8080/9000, with health and metrics (the heap
     * is read from them), and waits until it is ready; the time counts from launching the process.
     */
    static KeycloakServer start(Path home, Path log, Path recording, String... arguments) throws Exception {
        return KeycloakServer.dev(home).ports(8080, 9000).log(log).recording(recording)
                .options("--health-enabled=true", "--metrics-enabled=true").options(arguments)
                .startTimeout(Duration.ofMinutes(Long.getLong("bench.startTimeoutMinutes", 10))).start();
    }

    /**
     * The server for pairs 1 to 5, with the realm file imported; its log (and with {@code bench.jfr} its
     * flight recording) in {@code out}.
     */
    static KeycloakServer startLoadServer(Path home, Path realmFile, Path out) throws Exception {
        Files.createDirectories(home.resolve("data").resolve("import"));
        Files.copy(realmFile, home.resolve("data").resolve("import").resolve("realm-export.json"));
        return start(home, out.resolve("keycloak-load.log"),
                Boolean.getBoolean("bench.jfr") ? out.resolve("keycloak-load.jfr") : null, loadServerArguments());
    }

    /**
     * The server for pairs 1 to 5 runs on PostgreSQL when {@code bench.postgres} names an existing database
     * (emptied first): Keycloak's production database, and the one whose planner 100,000 rows are about.
     * H2 (the default, as in the tests) cannot walk an index whose leading columns are fixed by the
     * filter in ORDER BY order, so its filtered lists sort every matching row.
     */
    private static String[] loadServerArguments() throws SQLException {
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

    /**
     * The mail catcher, SMTP on localhost:3025, with its debug log off. With it on (the default in this
     * JVM), GreenMail writes SMTP replies byte by byte, and Nagle's algorithm with delayed ACKs then stalls
     * every email for about 200 ms: the emailing operations would measure the catcher, not Keycloak.
     */
    static GreenMail startMailCatcher() {
        org.jboss.logmanager.Logger.getLogger("com.icegreen").setLevel(Level.INFO);
        if (LoggerFactory.getLogger(SmtpConnection.class).isDebugEnabled()) {
            throw new IllegalStateException("GreenMail's debug log is still on; its SMTP replies would be slow");
        }
        GreenMail mail = new GreenMail(new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }
}
