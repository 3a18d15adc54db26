package io.github.inviteonly.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the operations consume (tokens, user ids, addresses), as the CSV files the Gatling processes read:
 * each operation's values cut into slices, one per phase that reads them. Each Gatling process starts
 * its feed from the top, so phases sharing a file would replay tokens already used up.
 */
final class Feeds {

    private final Path folder;
    private final Map<String, List<Path>> slicesByOperation = new HashMap<>();
    private final Map<String, Integer> uses = new HashMap<>();

    Feeds(Path folder) {
        this.folder = folder;
    }

    /** Writes the values, under the CSV header {@code column}, into {@code slices} files that each of the operations reads. */
    void add(String column, List<String> values, int slices, String... operations) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int round = 0; round < slices; round++) {
            Path file = folder.resolve("feed-" + column + "-" + System.nanoTime() + "-" + round + ".csv");
            List<String> lines = new ArrayList<>();
            lines.add(column);
            lines.addAll(values.subList(round * values.size() / slices, (round + 1) * values.size() / slices));
            Files.write(file, lines);
            files.add(file);
        }
        for (String operation : operations) {
            slicesByOperation.put(operation, files);
        }
    }

    /**
     * The next slice of an operation's feed, or null for an operation that reads none. Each token slice
     * is used once (pair 2 runs ours in two comparisons, so it has twice the slices); users and addresses
     * may come round again.
     */
    Path next(String operation) {
        List<Path> slices = slicesByOperation.get(operation);
        if (slices == null) {
            return null;
        }
        int use = uses.merge(operation, 1, Integer::sum) - 1;
        return slices.get(use % slices.size());
    }

    /** Every value of an operation's feed, all slices in order. */
    List<String> values(String operation) throws IOException {
        List<String> values = new ArrayList<>();
        for (Path slice : slicesByOperation.get(operation)) {
            List<String> lines = Files.readAllLines(slice);
            values.addAll(lines.subList(1, lines.size()));
        }
        return values;
    }
}
