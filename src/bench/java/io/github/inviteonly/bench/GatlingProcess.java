package io.github.inviteonly.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the phases of the pairs: each one a Gatling process of its own, running {@link PairSimulation}. */
final class GatlingProcess {

    private final Path out;
    private final String classpath;
    private final int users;

    /** {@code classpath}: this project's test classes, its classes and the test dependencies, Gatling's included. */
    GatlingProcess(Path out, String classpath, int users) {
        this.out = out;
        this.classpath = classpath;
        this.users = users;
    }

    /**
     * Runs {@code operation} for some seconds, reading {@code feed} (null: none); returns its report's
     * statistics script. The reports stay under {@code gatling/}, the processes' output in {@code gatling.log}.
     */
    String runPhase(String operation, Path feed, int seconds) throws Exception {
        Path results = Files.createDirectories(out.resolve("gatling"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", classpath,
                // What Gatling's own launcher opens for it.
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
                "-Dgatling.data.enableAnalytics=false",
                "-Dbench.base=" + Benchmark.BASE, "-Dbench.realm=" + Benchmark.REALM, "-Dbench.op=" + operation,
                "-Dbench.users=" + users, "-Dbench.seconds=" + seconds, "-Dbench.token=" + Seeder.adminToken()));
        if (feed != null) {
            command.add("-Dbench.feed=" + feed.toAbsolutePath());
        }
        command.addAll(List.of("io.gatling.app.Gatling", "--simulation", PairSimulation.class.getName(),
                "--results-folder", results.toAbsolutePath().toString(), "--run-description", operation));
        Process gatling = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.resolve("gatling.log").toFile())).start();
        if (!gatling.waitFor(seconds + 300L, TimeUnit.SECONDS)) {
            gatling.destroyForcibly();
            throw new IllegalStateException("Gatling did not finish: " + operation);
        }
        // Gatling names each report's folder itself: this phase's is the newest.
        Path report;
        try (Stream<Path> runs = Files.list(results)) {
            report = runs.filter(Files::isDirectory).max(Comparator.comparingLong(p -> p.toFile().lastModified()))
                    .orElseThrow();
        }
        return Files.readString(report.resolve("js").resolve("stats.js"));
    }
}
