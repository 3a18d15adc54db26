package io.github.inviteonly.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The benchmark reads Gatling's report script: each side's numbers under its name, which is a request's
 * name or, for an operation of two requests, its group's (counted once per run of the group).
 */
class GatlingStatsTest {

    private static final String STATS_JS = """
            var stats = {
                type: "GROUP",
            name: "All Requests",
            stats: {
                "name": "All Requests",
                "numberOfRequests": {
                    "total": "128",
                    "ok": "120",
                    "ko": "8"
                },
                "percentiles1": {
                    "total": "14",
                    "ok": "129",
                    "ko": "13"
                },
                "percentiles3": {
                    "total": "170",
                    "ok": "330",
                    "ko": "-"
                },
                "meanNumberOfRequestsPerSecond": {
                    "total": "42.667",
                    "ok": "40.0",
                    "ko": "2.667"
                }
            },
            contents: {
            "group_kc-reset-passwo--384369785": {
                      type: "GROUP",
            name: "kc-reset-password-and-email",
            path: "kc-reset-password-and-email",
            pathFormatted: "group_kc-reset-passwo--384369785",
            stats: {
                "name": "kc-reset-password-and-email",
                "numberOfRequests": { "total": "148", "ok": "148", "ko": "0" },
                "minResponseTime": { "total": "236", "ok": "236", "ko": "-" },
                "percentiles1": { "total": "393", "ok": "393", "ko": "-" },
                "percentiles3": { "total": "563", "ok": "563", "ko": "-" },
                "meanNumberOfRequestsPerSecond": { "total": "16.444", "ok": "16.444", "ko": "-" } },
            contents: {
            "req_kc-reset-passwo-1": { stats: { "name": "kc-reset-password",
                "numberOfRequests": { "total": "148", "ok": "148", "ko": "0" },
                "percentiles1": { "total": "190", "ok": "190", "ko": "-" },
                "percentiles3": { "total": "300", "ok": "300", "ko": "-" },
                "meanNumberOfRequestsPerSecond": { "total": "16.444", "ok": "16.444", "ko": "-" } } }
            }
            },
            "req_known": { stats: { "name": "reset-request-known",
                "numberOfRequests": { "total": "61", "ok": "60", "ko": "1" },
                "percentiles1": { "total": "6", "ok": "6", "ko": "5" },
                "percentiles3": { "total": "19", "ok": "19", "ko": "5" },
                "meanNumberOfRequestsPerSecond": { "total": "20.333", "ok": "20.0", "ko": "0.333" } } }
            }
            """;

    @Test
    void readsTheGlobalNumbersOfARun() {
        JsonNode stats = GatlingStats.requestStats(STATS_JS, "All Requests");

        assertEquals(120, stats.path("numberOfRequests").path("ok").asDouble());
        assertEquals(8, stats.path("numberOfRequests").path("ko").asDouble());
        assertEquals(129, stats.path("percentiles1").path("ok").asDouble());
        assertEquals(330, stats.path("percentiles3").path("ok").asDouble());
        assertEquals(0, stats.path("percentiles3").path("ko").asDouble(), "Gatling writes - where there is no value");
        assertEquals(40.0, stats.path("meanNumberOfRequestsPerSecond").path("ok").asDouble());
    }

    @Test
    void readsAGroupAsOneOperation() {
        JsonNode stats = GatlingStats.requestStats(STATS_JS, "kc-reset-password-and-email");

        assertEquals(148, stats.path("numberOfRequests").path("ok").asDouble());
        assertEquals(393, stats.path("percentiles1").path("ok").asDouble());
        assertEquals(563, stats.path("percentiles3").path("ok").asDouble());
        assertEquals(16.444, stats.path("meanNumberOfRequestsPerSecond").path("ok").asDouble());
    }

    @Test
    void readsTheNumbersOfOneRequestName() {
        JsonNode stats = GatlingStats.requestStats(STATS_JS, "reset-request-known");

        assertEquals(60, stats.path("numberOfRequests").path("ok").asDouble());
        assertEquals(6, stats.path("percentiles1").path("ok").asDouble());
        assertEquals(19, stats.path("percentiles3").path("ok").asDouble());
        assertEquals(20.0, stats.path("meanNumberOfRequestsPerSecond").path("ok").asDouble());
    }
}
