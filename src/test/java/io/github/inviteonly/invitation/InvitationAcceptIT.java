package io.github.inviteonly.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InvitationFixture;
import io.github.inviteonly.support.Invitations;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

/** The invitee's side: the token from the email, lookup, accept, and every way a token stops working. */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class InvitationAcceptIT extends InvitationFixture {

    private static final String PASSWORD = "Invitee-Passw0rd!";

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    @Test
    void theInviteeAcceptsWithTheTokenFromTheEmailAndCanLogIn() {
        String email = Invitations.newEmail();
        String token = invitations().inviteAndReadToken(mail, email, List.of("director"));

        Http.Reply lookup = invitations().lookup(token);
        assertEquals(200, lookup.status(), lookup::toString);
        assertEquals(email, lookup.json().get("email").asText());
        assertEquals("Invite-only demo", lookup.json().get("realm").asText());

        Http.Reply accepted = invitations().accept(token, PASSWORD);

        assertEquals(201, accepted.status(), accepted::toString);
        JsonNode user = accepted.json();
        assertEquals(email, user.get("email").asText());
        assertTrue(user.get("emailVerified").asBoolean());
        assertEquals("Ivy", user.get("firstName").asText());
        assertTrue(user.get("realmRoles").toString().contains("director"), user::toString);
        assertEquals(200, DemoRealm.passwordGrant(demo, email, PASSWORD).status(), "the new user can log in");

        JsonNode invitation = Http.get(invitations().url() + "?email=" + email, invitations().directorToken()).json().get(0);
        assertEquals("ACCEPTED", invitation.get("status").asText());
        assertEquals(user.get("id").asText(), invitation.get("userId").asText());
        assertTrue(invitation.get("acceptedAt").asLong() > 0);

        List<EventRepresentation> events = demo.admin().getEvents(List.of("REGISTER"), null, user.get("id").asText(),
                null, null, null, 0, 10);
        assertEquals(1, events.size(), events::toString);
        assertEquals(invitation.get("id").asText(), events.get(0).getDetails().get(InvitationAcceptance.INVITATION_ID_DETAIL));
    }

    @Test
    void acceptingTwiceCreatesOneUser() {
        String email = Invitations.newEmail();
        String token = invitations().inviteAndReadToken(mail, email, List.of());
        assertEquals(201, invitations().accept(token, PASSWORD).status());

        Http.Reply again = invitations().accept(token, PASSWORD);

        assertEquals(410, again.status(), again::toString);
        assertEquals("invitation_used", again.json().get("error").asText());
        assertEquals(1, demo.admin().users().searchByEmail(email, true).size());
    }

    @Test
    void twentyConcurrentAcceptsOfOneTokenCreateExactlyOneUser() throws Exception {
        String email = Invitations.newEmail();
        String token = invitations().inviteAndReadToken(mail, email, List.of());
        int attempts = 20;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                Callable<Http.Reply> accept = () -> {
                    start.await();
                    return invitations().accept(token, PASSWORD);
                };
                replies.add(pool.submit(accept));
            }
            start.countDown();
            int created = 0;
            for (Future<Http.Reply> reply : replies) {
                Http.Reply r = reply.get();
                if (r.status() == 201) {
                    created++;
                } else {
                    assertTrue(r.status() == 409 || r.status() == 410, r::toString);
                }
            }
            assertEquals(1, created);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, demo.admin().users().searchByEmail(email, true).size());
    }

    @Test
    void aPasswordAgainstThePolicyIsRefusedWithKeycloaksMessageAndTheInvitationStaysOpen() {
        String email = Invitations.newEmail();
        String token = invitations().inviteAndReadToken(mail, email, List.of());

        Http.Reply weak = invitations().accept(token, "password");

        assertEquals(400, weak.status(), weak::toString);
        assertEquals("password", weak.json().get("field").asText());
        assertTrue(weak.json().get("error_description").asText().startsWith("Invalid password"), weak::toString);
        assertEquals(List.of(), demo.admin().users().searchByEmail(email, true), "no half-created user");
        assertEquals(200, invitations().lookup(token).status(), "the invitation is still usable");
        assertEquals(201, invitations().accept(token, PASSWORD).status());
    }

    @Test
    void anExpiredInvitationIsShownExpiredAndCannotBeAccepted() {
        String email = Invitations.newEmail();
        Http.Reply created = invitations().create(invitations().directorToken(),
                Map.of("email", email, "expiresInSeconds", 600));
        assertEquals(201, created.status(), created::toString);
        String token = invitations().tokenFromMail(mail, email, 1);

        timeOffSet.set(601);

        Http.Reply accept = invitations().accept(token, PASSWORD);
        assertEquals(410, accept.status(), accept::toString);
        assertEquals("invitation_expired", accept.json().get("error").asText());
        String director = invitations().directorToken();
        assertEquals("EXPIRED", invitations().get(director, created.json().get("id").asText()).json().get("status").asText());
        assertEquals(1, Http.get(invitations().url() + "?status=EXPIRED&email=" + email, director).json().size());
        assertEquals(0, Http.get(invitations().url() + "?status=PENDING&email=" + email, director).json().size());
    }

    @Test
    void resendIssuesANewTokenAndTheOldOneStopsWorking() {
        String email = Invitations.newEmail();
        JsonNode created = invitations().create(invitations().directorToken(),
                Map.of("email", email, "expiresInSeconds", 600)).json();
        String id = created.get("id").asText();
        String oldToken = invitations().tokenFromMail(mail, email, 1);

        Http.Reply resent = Http.postJson(invitations().url() + "/" + id + "/resend", invitations().directorToken(), "");

        assertEquals(200, resent.status(), resent::toString);
        assertEquals(id, resent.json().get("id").asText());
        assertTrue(resent.json().get("expiresAt").asLong() - created.get("expiresAt").asLong() > 3_600_000,
                "renewed with the realm's default lifetime (7 days), not the 10 minutes it had");
        String newToken = invitations().tokenFromMail(mail, email, 2);
        assertEquals(404, invitations().lookup(oldToken).status());
        assertEquals(404, invitations().accept(oldToken, PASSWORD).status());
        assertEquals(201, invitations().accept(newToken, PASSWORD).status());
    }

    @Test
    void aRevokedInvitationIsKeptAndCannotBeAccepted() {
        String email = Invitations.newEmail();
        String id = invitations().invite(email, List.of()).json().get("id").asText();
        String token = invitations().tokenFromMail(mail, email, 1);
        String director = invitations().directorToken();

        Http.Reply revoked = Http.delete(invitations().url() + "/" + id, director);

        assertEquals(204, revoked.status(), revoked::toString);
        assertEquals("REVOKED", invitations().get(director, id).json().get("status").asText());
        Http.Reply accept = invitations().accept(token, PASSWORD);
        assertEquals(410, accept.status(), accept::toString);
        assertEquals("invitation_revoked", accept.json().get("error").asText());
    }

    @Test
    void aRedirectUriTheClientNoLongerAllowsLandsOnItsBaseUrlElseTheAccountConsole() {
        try (Invitations.AppClient withBaseUrl = invitations().newClient(List.of("https://app.example.org/*"), "http://localhost:3000/home");
             Invitations.AppClient withoutBaseUrl = invitations().newClient(List.of("https://app.example.org/*"), null)) {
            String first = acceptedInvitationLandingOn(withBaseUrl, "https://app.example.org/welcome");
            String second = acceptedInvitationLandingOn(withoutBaseUrl, "https://app.example.org/welcome");
            assertEquals("https://app.example.org/welcome", landing(first), "allowed when invited, and still");

            withBaseUrl.redirectUris(List.of("*"));
            withoutBaseUrl.redirectUris(List.of("https://*"));

            assertEquals("http://localhost:3000/home", landing(first));
            assertEquals(demo.getBaseUrl() + "/account/", landing(second));
        }
    }

    private String acceptedInvitationLandingOn(Invitations.AppClient client, String redirectUri) {
        String email = Invitations.newEmail();
        Http.Reply created = invitations().create(invitations().directorToken(),
                Map.of("email", email, "clientId", client.clientId(), "redirectUri", redirectUri));
        assertEquals(201, created.status(), created::toString);
        assertEquals(201, invitations().accept(invitations().tokenFromMail(mail, email, 1), PASSWORD).status());
        return created.json().get("id").asText();
    }

    /** Where {@code invitations/signed-up} sends the new user of the invitation. */
    private String landing(String invitationId) {
        Http.Reply reply = Http.get(invitations().publicUrl() + "/signed-up?state=" + invitationId, null);
        assertEquals(303, reply.status(), reply::toString);
        return reply.header("Location");
    }

    @Test
    void theInvitationsGroupsAreJoinedOnAccept() {
        String group = invitations().newGroup();
        String email = Invitations.newEmail();
        Http.Reply created = invitations().create(invitations().adminToken(), Map.of("email", email, "groups", List.of(group)));
        assertEquals(201, created.status(), created::toString);

        Http.Reply accepted = invitations().accept(invitations().tokenFromMail(mail, email, 1), PASSWORD);

        assertEquals(201, accepted.status(), accepted::toString);
        assertEquals(group, accepted.json().get("groups").get(0).asText(), accepted::toString);
    }

    @Test
    void signUpPagesMayCallFromTheRealmsWebOriginsOnly() {
        String email = Invitations.newEmail();
        String token = invitations().inviteAndReadToken(mail, email, List.of());
        String body = Http.toJson(Map.of("token", token));

        Http.Reply allowed = Http.send(lookupFrom("http://localhost:5173", body));
        Http.Reply foreign = Http.send(lookupFrom("https://evil.example.org", body));

        assertEquals(200, allowed.status(), allowed::toString);
        assertEquals("http://localhost:5173", allowed.header("Access-Control-Allow-Origin"));
        assertEquals(403, foreign.status(), foreign::toString);
        assertEquals(null, foreign.header("Access-Control-Allow-Origin"));
    }

    private HttpRequest.Builder lookupFrom(String origin, String body) {
        return HttpRequest.newBuilder(URI.create(invitations().publicUrl() + "/lookup"))
                .header("Content-Type", "application/json").header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void anUnknownTokenIs404() {
        assertEquals(404, invitations().lookup("x".repeat(43)).status());
    }

    static Stream<Object> badAcceptBodies() {
        return Stream.of("{", "{}", Map.of("token", 5), Map.of("token", "t", "password", PASSWORD),
                Map.of("token", "t", "firstName", "A"), Map.of("token", "t", "password", PASSWORD, "firstName", "A", "role", "admin"));
    }

    @ParameterizedTest
    @MethodSource("badAcceptBodies")
    void aBadAcceptBodyIs400Json(Object body) {
        Http.Reply reply = Http.postJson(invitations().publicUrl() + "/accept", null, body);

        assertEquals(400, reply.status(), () -> body + " -> " + reply);
        assertEquals("invalid_request", reply.json().get("error").asText());
    }

    @Test
    void userProfileValidationApplies() {
        String email = Invitations.newEmail();
        String token = invitations().inviteAndReadToken(mail, email, List.of());

        Http.Reply reply = Http.postJson(invitations().publicUrl() + "/accept", null,
                Map.of("token", token, "password", PASSWORD, "firstName", "<script>"));

        assertEquals(400, reply.status(), reply::toString);
        assertEquals("firstName", reply.json().get("field").asText());
        List<UserRepresentation> users = demo.admin().users().searchByEmail(email, true);
        assertEquals(List.of(), users);
    }
}
