package io.github.inviteonly.bench;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The numbers of a Gatling run, read from its report script {@code js/stats.js}: Gatling writes no
 * machine-readable summary of its own, and its HTML report is built from this script.
 */
final class GatlingStats {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One side of a pair over its measured phases. */
    record Side(double requestsPerSecond, double p50, double p95, double failed) {
    }

    private GatlingStats() {
    }

    /**
     * The numbers of one request name (or "All Requests") in Gatling's report script {@code js/stats.js}:
     * each stats block starts with its name, its values are strings.
     */
    static JsonNode requestStats(String statsJs, String name) {
        int start = statsJs.indexOf("\"name\": \"" + name + "\"");
        if (start < 0) {
            throw new IllegalStateException("No stats for " + name + " in Gatling's stats.js");
        }
        ObjectNode stats = JSON.createObjectNode();
        for (String field : List.of("numberOfRequests", "percentiles1", "percentiles3", "meanNumberOfRequestsPerSecond")) {
            Matcher matcher = Pattern.compile("\"" + field + "\": \\{\\s*\"total\": \"([^\"]*)\",\\s*\"ok\": \"([^\"]*)\",\\s*\"ko\": \"([^\"]*)\"")
                    .matcher(statsJs);
            if (!matcher.find(start)) {
                throw new IllegalStateException("No " + field + " for " + name + " in Gatling's stats.js");
            }
            stats.putObject(field).put("ok", number(matcher.group(2))).put("ko", number(matcher.group(3)));
        }
        return stats;
    }

    /** The median response time, ms, of the successful requests of one name. */
    static double p50(String statsJs, String name) {
        return requestStats(statsJs, name).path("percentiles1").path("ok").asDouble();
    }

    /** req/s (OK) and p50, p95 averaged, failures summed, over the phases of one side. */
    static Side combine(List<JsonNode> phases) {
        double rps = 0;
        double p50 = 0;
        double p95 = 0;
        double failed = 0;
        for (JsonNode stats : phases) {
            rps += stats.path("meanNumberOfRequestsPerSecond").path("ok").asDouble() / phases.size();
            p50 += stats.path("percentiles1").path("ok").asDouble() / phases.size();
            p95 += stats.path("percentiles3").path("ok").asDouble() / phases.size();
            failed += stats.path("numberOfRequests").path("ko").asDouble();
        }
        return new Side(rps, p50, p95, failed);
    }

    /** Gatling writes "-" where there is no value (no failed request, say). */
    private static double number(String value) {
        return value.isEmpty() || value.equals("-") ? 0 : Double.parseDouble(value);
    }
}
