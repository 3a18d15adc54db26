package io.github.inviteonly.docs;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.docs.ServedDocument.Operation;

/**
 * Generates requests for the operations of the served document: path parameters (real ids, unknown ids,
 * junk), query parameters (valid, out of range, wrong type, huge numbers, odd Unicode, already-encoded
 * text such as {@code %7Bx%7D}), bodies (valid for the schema, a field missing, wrong types, extra fields,
 * huge strings, not JSON, wrong content types) and, for the anonymous caller, absent or invalid tokens.
 * Each request carries labels saying what was done to it. The URL comes from {@link FuzzUrls}, the body
 * from {@link FuzzBodies}, the Authorization header from {@link FuzzAuthorization}.
 */
final class FuzzRequests {

    enum Caller { ANONYMOUS, ADMIN, DIRECTOR }

    /** A generated request, ready to send. */
    record Request(Operation operation, Caller caller, String method, URI uri, Map<String, String> headers, String body,
                   List<String> labels) {

        String describe() {
            String shownBody = body == null ? "" : " body(" + body.length() + ")=" + excerpt(body, 300);
            Map<String, String> shownHeaders = new LinkedHashMap<>(headers);
            shownHeaders.computeIfPresent("Authorization", (k, v) -> v.length() > 40 ? v.substring(0, 40) + "…" : v);
            return method + " " + excerpt(uri.toString(), 400) + " as " + caller + " " + shownHeaders + shownBody + " " + labels;
        }
    }

    /** What the server handed out so far, so that requests can aim at things that exist. */
    static final class Pools {

        private static final int MAX = 300;

        final List<String> invitationIds = new ArrayList<>();
        final List<String> resetIds = new ArrayList<>();
        final List<String> invitationTokens = new ArrayList<>();
        final List<String> resetTokens = new ArrayList<>();
        /** Tokens of the owners' cancel links (from the notices of the seeded requests). */
        final List<String> cancelTokens = new ArrayList<>();
        final List<String> knownEmails = new ArrayList<>();

        /** Collects the ids of invitations and reset requests in an answer of the API. */
        void harvest(String path, JsonNode body) {
            List<String> target = path.contains("/invitations") ? invitationIds
                    : path.contains("/password-resets") ? resetIds : null;
            if (target != null && body != null) {
                collectIds(body, target);
            }
        }

        private static void collectIds(JsonNode node, List<String> target) {
            if (node.isObject() && node.has("id") && node.has("status") && node.get("id").isTextual()) {
                add(target, node.get("id").asText());
            }
            node.forEach(child -> collectIds(child, target));
        }

        static void add(List<String> pool, String value) {
            if (!pool.contains(value)) {
                if (pool.size() >= MAX) {
                    pool.remove(0);
                }
                pool.add(value);
            }
        }
    }

    private final FuzzValues values;
    private final FuzzUrls urls;
    private final FuzzBodies bodies;
    private final FuzzAuthorization authorization;
    private final String server;

    FuzzRequests(ServedDocument document, FuzzValues values, Pools pools, String server, String realm) {
        FuzzFieldValues fields = new FuzzFieldValues(values, pools);
        this.values = values;
        this.urls = new FuzzUrls(document, values, fields, pools, realm);
        this.bodies = new FuzzBodies(document, values, fields);
        this.authorization = new FuzzAuthorization(values);
        this.server = server;
    }

    /**
     * @param bearer the caller's access token (null for the anonymous caller)
     * @param invalidTokens tokens that must be refused: another realm's, tampered, unsigned
     */
    Request next(Operation operation, Caller caller, String bearer, List<String> invalidTokens) {
        // The order of the parts below is the order the seeded values are drawn in: changing it changes every request.
        List<String> labels = new ArrayList<>();
        Map<String, String> headers = new LinkedHashMap<>();
        String pathAndQuery = urls.pathAndQuery(operation, labels);
        String body = bodies.body(operation, headers, labels);
        authorization.authorize(caller, bearer, invalidTokens, headers, labels);
        if (values.chance(0.7)) {
            headers.put("X-Forwarded-For", values.ip4()); // spreads the per-IP limits of reset requests
        }
        URI uri = URI.create(server + pathAndQuery);
        return new Request(operation, caller, operation.method(), uri, headers, body, labels);
    }

    /** The text on one line, cut to {@code max} characters with its full length said. */
    static String excerpt(String text, int max) {
        String flat = text.replace("\n", "\\n").replace("\r", "\\r");
        return flat.length() <= max ? flat : flat.substring(0, max) + "…(" + text.length() + " chars)";
    }
}
