package io.github.inviteonly.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CoreDsl;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * One side of one benchmark pair, run by {@link GatlingProcess} in a Gatling process of its own: a closed
 * workload of {@code bench.users} concurrent users repeating operation {@code bench.op} for
 * {@code bench.seconds}. Operations that consume a secret (an invitation or reset token, a user) read it
 * from the CSV file {@code bench.feed}.
 */
public class PairSimulation extends Simulation {

    private static final String BASE = System.getProperty("bench.base");
    private static final String REALM = System.getProperty("bench.realm", "demo");
    private static final String OP = System.getProperty("bench.op");
    private static final int USERS = Integer.getInteger("bench.users", 4);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final String TOKEN = System.getProperty("bench.token", "");
    private static final String FEED = System.getProperty("bench.feed");

    private static final String API = "/realms/" + REALM + "/invite-only";
    private static final String ADMIN_API = "/admin/realms/" + REALM + "/invite-only";
    private static final String CONSOLE_API = "/admin/realms/" + REALM;
    private static final String USERS_API = CONSOLE_API + "/users";

    {
        HttpProtocolBuilder protocol = http.baseUrl(BASE)
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .shareConnections();
        ScenarioBuilder scenario = scenario(OP).exec(operation());
        if (FEED != null) {
            scenario = scenario(OP).feed(csv(FEED).circular()).exec(operation());
        }
        setUp(scenario.injectClosed(constantConcurrentUsers(USERS).during(SECONDS))).protocols(protocol);
    }

    private static ChainBuilder operation() {
        if (OP.equals("reset-request-mixed")) {
            // Pair 5 as an attacker sees it: both kinds in random order, under one and the same load.
            return CoreDsl.uniformRandomSwitch().on(CoreDsl.exec(knownResetRequest()), CoreDsl.exec(unknownResetRequest()));
        }
        String bearer = "Bearer " + TOKEN;
        if (OP.equals("kc-reset-password-and-email")) {
            // Pair 2 doing the same work as ours, which also emails the user: Keycloak's reset and then
            // Keycloak's own email, timed together as one operation (a Gatling group).
            return CoreDsl.group(OP).on(CoreDsl.exec(resetPassword("kc-reset-password", bearer))
                    .exec(actionsEmail("kc-execute-actions-email", bearer)));
        }
        if (OP.equals("manage-first-page")) {
            // What the manage page asks for to show its first screen of invitations: a page and the counts
            // per status, timed together as one operation.
            return CoreDsl.group(OP).on(CoreDsl.exec(http("manage-page").get(ADMIN_API + "/invitations?first=0&max=20")
                            .header("Authorization", bearer).check(status().is(200)))
                    .exec(http("manage-counts").get(ADMIN_API + "/invitations/counts")
                            .header("Authorization", bearer).check(status().is(200))));
        }
        return CoreDsl.exec(switch (OP) {
            case "accept-invitation" -> http(OP).post(API + "/invitations/accept")
                    .body(StringBody("{\"token\":\"#{token}\",\"password\":\"Bench-Passw0rd!1\",\"firstName\":\"Bo\",\"lastName\":\"Bench\"}"))
                    .check(status().is(201));
            case "kc-create-user-with-password" -> createUser(bearer,
                    ",\"credentials\":[{\"type\":\"password\",\"value\":\"Bench-Passw0rd!1\",\"temporary\":false}]");
            case "complete-reset" -> http(OP).post(API + "/password-resets/complete")
                    .body(StringBody("{\"token\":\"#{token}\",\"newPassword\":\"Bench-Passw0rd!2\"}"))
                    .check(status().is(204));
            case "kc-reset-password" -> resetPassword(OP, bearer);
            case "create-invitation" -> http(OP).post(ADMIN_API + "/invitations").header("Authorization", bearer)
                    .body(StringBody("{\"email\":\"i-#{randomUuid()}@bench.example\",\"firstName\":\"Bo\",\"sendEmail\":false}"))
                    .check(status().is(201));
            case "kc-create-user" -> createUser(bearer, "");
            case "create-invitation-with-email" -> http(OP).post(ADMIN_API + "/invitations").header("Authorization", bearer)
                    .body(StringBody("{\"email\":\"i-#{randomUuid()}@bench.example\",\"firstName\":\"Bo\"}"))
                    .check(status().is(201));
            case "kc-execute-actions-email" -> actionsEmail(OP, bearer);
            case "list-invitations" -> http(OP).get(ADMIN_API + "/invitations?status=PENDING&first=0&max=20")
                    .header("Authorization", bearer).check(status().is(200));
            case "count-invitations" -> http(OP).get(ADMIN_API + "/invitations/count?status=PENDING")
                    .header("Authorization", bearer).check(status().is(200));
            case "kc-list-users" -> http(OP).get(USERS_API + "?first=0&max=20")
                    .header("Authorization", bearer).check(status().is(200));
            case "kc-count-users" -> http(OP).get(USERS_API + "/count")
                    .header("Authorization", bearer).check(status().is(200));
            // The call behind the admin console's Users list at 20 per page (it asks for one more row to
            // know whether there is a next page).
            case "kc-console-user-list" -> http(OP).get(CONSOLE_API + "/ui-ext/brute-force-user?briefRepresentation=true&first=0&max=21")
                    .header("Authorization", bearer).check(status().is(200));
            case "reset-request-known" -> knownResetRequest();
            case "reset-request-unknown" -> unknownResetRequest();
            default -> throw new IllegalArgumentException("Unknown benchmark operation " + OP);
        });
    }

    /** Keycloak's admin "create user", with {@code moreFields} appended to the user representation. */
    private static HttpRequestActionBuilder createUser(String bearer, String moreFields) {
        return http(OP).post(USERS_API).header("Authorization", bearer)
                .body(StringBody("{\"username\":\"u-#{randomUuid()}@bench.example\",\"email\":\"u-#{randomUuid()}@bench.example\","
                        + "\"firstName\":\"Bo\",\"lastName\":\"Bench\",\"enabled\":true" + moreFields + "}"))
                .check(status().is(201));
    }

    private static HttpRequestActionBuilder resetPassword(String name, String bearer) {
        return http(name).put(USERS_API + "/#{userId}/reset-password").header("Authorization", bearer)
                .body(StringBody("{\"type\":\"password\",\"value\":\"Bench-Passw0rd!#{randomInt(100,999)}\",\"temporary\":false}"))
                .check(status().is(204));
    }

    private static HttpRequestActionBuilder actionsEmail(String name, String bearer) {
        return http(name).put(USERS_API + "/#{userId}/execute-actions-email").header("Authorization", bearer)
                .body(StringBody("[\"UPDATE_PASSWORD\"]"))
                .check(status().is(204));
    }

    private static HttpRequestActionBuilder knownResetRequest() {
        return http("reset-request-known").post(API + "/password-resets")
                .body(StringBody("{\"email\":\"#{email}\"}")).check(status().is(202));
    }

    private static HttpRequestActionBuilder unknownResetRequest() {
        return http("reset-request-unknown").post(API + "/password-resets")
                .body(StringBody("{\"email\":\"nobody-#{randomUuid()}@bench.example\"}")).check(status().is(202));
    }
}
