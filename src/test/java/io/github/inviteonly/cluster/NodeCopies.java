package io.github.inviteonly.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import io.github.inviteonly.support.KeycloakServer;

/**
 * The nodes' Keycloak: the unpacked distribution built for PostgreSQL and the clustered cache with our JAR,
 * and each node's own copy of it.
 */
final class NodeCopies {

    /** Build options: the nodes start with {@code --optimized}, so these are fixed here. */
    private static final String[] BUILD_OPTIONS = {"--db=postgres", "--cache=ispn", "--health-enabled=true"};
    private static final String MARKER = ".cluster-build";

    private NodeCopies() {
    }

    /**
     * Builds the distribution (skipped when the JAR's content and the options are those of the last build),
     * then gives each node its own copy: hard links to the built files, and a data/ folder of its own
     * (transaction logs, temporary files). Empties {@code logs} first: a node's member count is read from
     * its log, so only this run's logs may be there.
     */
    static void prepare(Path dist, Path jar, Path logs, Duration timeout, List<Node> nodes) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No provider JAR at " + jar + ": the package phase builds it");
        }
        deleteTree(logs);
        Files.createDirectories(logs);
        Path marker = dist.resolve(MARKER);
        String fingerprint = contentDigest(jar) + " " + String.join(" ", BUILD_OPTIONS);
        boolean built = Files.exists(marker);
        if (!built || !Files.readString(marker).equals(fingerprint)) {
            Files.copy(jar, Files.createDirectories(dist.resolve("providers")).resolve("keycloak-invite-only.jar"),
                    StandardCopyOption.REPLACE_EXISTING);
            long started = System.nanoTime();
            System.out.println("[cluster] kc.sh build " + String.join(" ", BUILD_OPTIONS)
                    + (built ? " (the JAR changed since the last build)" : " (first build of " + dist + ")"));
            KeycloakServer.build(dist, logs.resolve("build.log"), timeout, BUILD_OPTIONS);
            Files.writeString(marker, fingerprint);
            System.out.printf("[cluster] built in %d s%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
        }
        for (Node node : nodes) {
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
                if (relative.startsWith("data") || relative.toString().equals(MARKER)) {
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
}
