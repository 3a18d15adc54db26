package io.github.inviteonly.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a run reports, in the order it happens: {@code summary.md} for people, {@code summary.csv} (one
 * metric a line, ours against theirs) for comparing runs.
 */
final class Results {

    private static final double MB = 1048576.0;
    private static final String CSV_HEADER = "pair,ours,theirs,metric,ours_value,theirs_value,ratio";

    private final List<String> summary = new ArrayList<>();
    /** Its header first, whichever pairs run. */
    private final List<String> csv = new ArrayList<>(List.of(CSV_HEADER));

    void title(int rows, int users, int seconds, int warmup, boolean postgres) {
        summary.add("# Benchmark: keycloak-invite-only vs Keycloak's own operations");
        summary.add("");
        summary.add(String.format(Locale.ROOT, "%d rows, %d concurrent users, %d s per phase (A, B, B, A, after %d s of "
                        + "unmeasured warm-up for each side), %s, %d cores, JDK %s; pairs 1 to 5 on %s, start-up on H2 (dev-file).",
                rows, users, seconds, warmup, System.getProperty("os.name"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), postgres ? "PostgreSQL" : "H2 (dev-file)"));
    }

    void section(String heading) {
        summary.add("");
        summary.add("## " + heading);
        summary.add("");
    }

    /** Pair 6, from the start-up times (ms) and heaps (bytes) of each configuration's starts. */
    void startup(List<Long> timesWithout, List<Long> heapsWithout, List<Long> timesWith, List<Long> heapsWith) {
        section("Start-up (pair 6)");
        summary.add("| Keycloak | start to ready, ms (median) | heap after start and full GC, MB (median) |");
        summary.add("|---|---|---|");
        long timeWithout = median(timesWithout);
        long heapWithout = median(heapsWithout);
        long timeWith = median(timesWith);
        long heapWith = median(heapsWith);
        summary.add(String.format(Locale.ROOT, "| without | %d | %.1f |", timeWithout, heapWithout / MB));
        summary.add(String.format(Locale.ROOT, "| with the extension | %d | %.1f |", timeWith, heapWith / MB));
        summary.add("");
        summary.add(String.format(Locale.ROOT, "Start-up ratio with/without: **%.3f** (target ≤ 1.05); heap difference: **%+.1f MB** (target ≤ 20).",
                (double) timeWith / timeWithout, (heapWith - heapWithout) / MB));
        csv.add(String.format(Locale.ROOT, "6,with extension,without,startup_ms,%d,%d,%.3f", timeWith, timeWithout,
                (double) timeWith / timeWithout));
        csv.add(String.format(Locale.ROOT, "6,with extension,without,heap_mb,%.1f,%.1f,%.3f", heapWith / MB,
                heapWithout / MB, (double) heapWith / heapWithout));
    }

    /** One seeding step: how many rows, how long since {@code startedNanos}. */
    void seeded(String what, int count, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        summary.add(String.format(Locale.ROOT, "- %d %s: %.1f s (%.0f rows/s)", count, what, seconds, count / seconds));
    }

    void pairsTable() {
        section("Operations (pairs 1 to 5)");
        summary.add("| pair | ours | Keycloak's | ours req/s | theirs req/s | throughput ratio | ours p50 ms | theirs p50 ms "
                + "| ours p95 ms | theirs p95 ms | p95 ratio | failed (ours/theirs) |");
        summary.add("|---|---|---|---|---|---|---|---|---|---|---|---|");
    }

    void pair(Benchmark.Pair pair, GatlingStats.Side a, GatlingStats.Side b) {
        // A failed request is mostly a token used up (a feed too small for the phase, read round
        // again): it costs the server little, so the side's numbers describe no real operation.
        boolean valid = a.failed() == 0 && b.failed() == 0;
        summary.add(String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %.1f | %s | %.0f | %.0f | %.0f | %.0f | %s | %.0f/%.0f |",
                pair.compared(), pair.ours(), pair.theirs(), a.requestsPerSecond(), b.requestsPerSecond(),
                ratioCell(a.requestsPerSecond(), b.requestsPerSecond(), valid), a.p50(), b.p50(), a.p95(), b.p95(),
                ratioCell(a.p95(), b.p95(), valid), a.failed(), b.failed()));
        String row = pair.number() + "," + pair.ours() + "," + pair.theirs();
        csv.add(String.format(Locale.ROOT, "%s,req_per_s,%.2f,%.2f,%s", row, a.requestsPerSecond(), b.requestsPerSecond(),
                ratioValue(a.requestsPerSecond(), b.requestsPerSecond(), valid)));
        csv.add(String.format(Locale.ROOT, "%s,p50_ms,%.0f,%.0f,%s", row, a.p50(), b.p50(), ratioValue(a.p50(), b.p50(), valid)));
        csv.add(String.format(Locale.ROOT, "%s,p95_ms,%.0f,%.0f,%s", row, a.p95(), b.p95(), ratioValue(a.p95(), b.p95(), valid)));
    }

    /**
     * Pair 5 mixed: the Gatling medians (ms) of known and unknown addresses in the same phases, and the
     * times (µs) of requests sent one at a time, for addresses asked for the first time and again.
     */
    void timingOracle(double knownMs, double unknownMs, int users, List<Benchmark.OneAtATime> rounds) {
        csv.add(String.format(Locale.ROOT, "5,reset-request-known,reset-request-unknown,mixed_p50_ms,%.1f,%.1f,%.3f",
                knownMs, unknownMs, knownMs / unknownMs));
        summary.add("");
        summary.add(String.format(Locale.ROOT, "Pair 5 mixed, as an attacker sees it (known and unknown addresses in random order "
                + "in the same phases): median known %.0f ms, unknown %.0f ms (Gatling, %d users).", knownMs, unknownMs, users));
        summary.add("");
        summary.add("Pair 5 one at a time (addresses no phase asked for, known and unknown, each asked twice; first and second asks "
                + "interleaved in one random sequence; timed in µs):");
        summary.add("");
        summary.add("| ask | requests (known + unknown) | known p50 ms | unknown p50 ms | ratio (target within 5%) | all p50 ms "
                + "| p50 ms after a known / an unknown one | ratio |");
        summary.add("|---|---|---|---|---|---|---|---|");
        for (Benchmark.OneAtATime round : rounds) {
            double known = median(round.knownMicros()) / 1000.0;
            double unknown = median(round.unknownMicros()) / 1000.0;
            String metric = "sequential_p50_ms_" + round.round().replace(' ', '_');
            csv.add(String.format(Locale.ROOT, "5,reset-request-known,reset-request-unknown,%s,%.3f,%.3f,%.3f",
                    metric, known, unknown, known / unknown));
            double afterKnown = median(round.afterKnownMicros()) / 1000.0;
            double afterUnknown = median(round.afterUnknownMicros()) / 1000.0;
            summary.add(String.format(Locale.ROOT, "| %s | %d + %d | %.3f | %.3f | **%.3f** | %.3f | %.3f / %.3f | %.3f |", round.round(),
                    round.knownMicros().size(), round.unknownMicros().size(), known, unknown, known / unknown, medianOfAll(round),
                    afterKnown, afterUnknown, afterKnown / afterUnknown));
        }
        Benchmark.OneAtATime first = rounds.get(0);
        Benchmark.OneAtATime again = rounds.get(rounds.size() - 1);
        summary.add("");
        summary.add(String.format(Locale.ROOT, "Asked again / first ask (all addresses): **%.3f**; a known address asked again "
                + "/ an unknown one asked first (what the earlier method compared): **%.3f**.",
                medianOfAll(again) / medianOfAll(first),
                (double) median(again.knownMicros()) / median(first.unknownMicros())));
    }

    private static double medianOfAll(Benchmark.OneAtATime round) {
        List<Long> all = new ArrayList<>(round.knownMicros());
        all.addAll(round.unknownMicros());
        return median(all) / 1000.0;
    }

    void pairsFootnote() {
        summary.add("");
        summary.add("Ratios are ours / Keycloak's. Per side: requests per second and percentiles averaged over its two "
                + "phases (which run one after the other), failures summed. A ratio is void when a side had failed requests, most often "
                + "tokens used up because `bench.feed` is too small for the phases. Gatling's reports: `gatling/`.");
    }

    /** Writes {@code summary.md} and {@code summary.csv} into {@code folder}, and the summary to the console. */
    void write(Path folder) throws IOException {
        Files.write(folder.resolve("summary.md"), summary);
        Files.write(folder.resolve("summary.csv"), csv);
        System.out.println(String.join("\n", summary));
    }

    private static String ratioCell(double ours, double theirs, boolean valid) {
        return valid ? "**" + ratioValue(ours, theirs, true) + "**" : "void: failures";
    }

    /** ours / theirs, or empty when a side had failed requests. */
    private static String ratioValue(double ours, double theirs, boolean valid) {
        return valid ? String.format(Locale.ROOT, "%.3f", ours / theirs) : "";
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
