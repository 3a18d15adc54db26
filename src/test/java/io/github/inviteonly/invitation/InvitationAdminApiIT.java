package io.github.inviteonly.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.settings.RealmSettings;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InvitationFixture;
import io.github.inviteonly.support.Invitations;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/** The admin API at /admin/realms/{realm}/invite-only/invitations: creating, permissions and the role ceiling, validation. */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class InvitationAdminApiIT extends InvitationFixture {

    @Test
    void directorInvitesAndTheInvitationCarriesNoToken() {
        String email = Invitations.newEmail();

        Http.Reply reply = invitations().invite(email, List.of("director"));

        JsonNode invitation = reply.json();
        assertEquals(email, invitation.get("email").asText());
        assertEquals("PENDING", invitation.get("status").asText());
        assertEquals("director", invitation.get("roles").get(0).asText());
        assertEquals(DemoRealm.DAVE, invitation.get("invitedBy").get("username").asText());
        assertEquals("SENT", invitation.get("emailDelivery").asText());
        assertTrue(reply.header("Location").endsWith("/invite-only/invitations/" + invitation.get("id").asText()));
        String token = invitations().tokenFromMail(mail, email, 1);
        assertFalse(reply.raw().body().contains(token), "the create response must not contain the token");
        Http.Reply listed = Http.get(invitations().url() + "?email=" + email, invitations().directorToken());
        assertFalse(listed.raw().body().contains(token), "the list must not contain the token");
        assertFalse(listed.raw().body().toLowerCase().contains("token"), listed::toString);
    }

    @Test
    void emailIsTrimmedAndLowerCased() {
        String email = Invitations.newEmail();

        Http.Reply reply = invitations().create(invitations().directorToken(),
                Map.of("email", "  " + email.toUpperCase() + " ", "sendEmail", false));

        assertEquals(201, reply.status(), reply::toString);
        assertEquals(email, reply.json().get("email").asText());
        assertEquals("NOT_REQUESTED", reply.json().get("emailDelivery").asText());
    }

    @Test
    void withoutATokenTheAdminApiAnswers401() {
        assertEquals(401, Http.get(invitations().url(), null).status());
        assertEquals(401, invitations().create(null, Map.of("email", Invitations.newEmail())).status());
    }

    @Test
    void salesMayNeitherInviteNorList() {
        String sales = invitations().salesToken();

        Http.Reply create = invitations().create(sales, Map.of("email", Invitations.newEmail()));
        Http.Reply list = Http.get(invitations().url(), sales);

        assertEquals(403, create.status(), create::toString);
        assertEquals("forbidden", create.json().get("error").asText());
        assertEquals(403, list.status(), list::toString);
    }

    @Test
    void aDirectorCannotInviteAnAdmin() {
        String email = Invitations.newEmail();

        Http.Reply reply = invitations().create(invitations().directorToken(), Map.of("email", email, "roles", List.of("admin")));

        assertEquals(403, reply.status(), reply::toString);
        assertTrue(reply.json().get("error_description").asText().contains("'admin'"), reply::toString);
        assertEquals(0, count("email=" + email));
    }

    @Test
    void aDirectorCannotResendAnInvitationThatGrantsWhatTheyMayNot() {
        String email = Invitations.newEmail();
        String id = invitations().create(invitations().adminToken(), Map.of("email", email, "roles", List.of("admin"),
                "sendEmail", false)).json().get("id").asText();
        String before = Http.get(invitations().url() + "/" + id, invitations().adminToken()).json().get("expiresAt").asText();

        Http.Reply resend = Http.postJson(invitations().url() + "/" + id + "/resend", invitations().directorToken(), "");

        assertEquals(403, resend.status(), resend::toString);
        assertTrue(resend.json().get("error_description").asText().contains("'admin'"), resend::toString);
        assertEquals(before, Http.get(invitations().url() + "/" + id, invitations().adminToken()).json().get("expiresAt").asText(),
                "nothing changed");
        assertTrue(Mailbox.to(mail, email).isEmpty(), "nothing was mailed");
        assertEquals(200, Http.postJson(invitations().url() + "/" + id + "/resend", invitations().adminToken(), "").status(),
                "whoever may grant it still may resend it");
    }

    @Test
    void aDirectorCannotRevokeAnInvitationThatGrantsWhatTheyMayNot() {
        String admin = invitations().adminToken();
        String director = invitations().directorToken();
        String grantsAdmin = invitations().create(admin, Map.of("email", Invitations.newEmail(), "roles", List.of("admin"),
                "sendEmail", false)).json().get("id").asText();
        String addsToTheirGroup = invitations().create(admin, Map.of("email", Invitations.newEmail(),
                "groups", List.of(invitations().newGroup()), "sendEmail", false)).json().get("id").asText();

        Http.Reply byRole = Http.delete(invitations().url() + "/" + grantsAdmin, director);
        Http.Reply byGroup = Http.delete(invitations().url() + "/" + addsToTheirGroup, director);

        assertEquals(403, byRole.status(), byRole::toString);
        assertTrue(byRole.json().get("error_description").asText().contains("'admin'"), byRole::toString);
        assertEquals(403, byGroup.status(), byGroup::toString);
        assertEquals("PENDING", invitations().get(admin, grantsAdmin).json().get("status").asText(), "nothing changed");
        assertEquals("PENDING", invitations().get(admin, addsToTheirGroup).json().get("status").asText(), "nothing changed");
        assertEquals(204, Http.delete(invitations().url() + "/" + grantsAdmin, admin).status(),
                "whoever may grant it still may revoke it");
        assertEquals(204, Http.delete(invitations().url() + "/" + addsToTheirGroup, admin).status());
    }

    @Test
    void ofConcurrentCreatesForOneAddressOneWinsAndTheOthersAreToldItIsPending() throws Exception {
        String email = Invitations.newEmail();
        String director = invitations().directorToken();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Http.Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                replies.add(pool.submit(() -> invitations().create(director, Map.of("email", email, "sendEmail", false))));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Http.Reply> reply : replies) {
                Http.Reply answer = reply.get(60, TimeUnit.SECONDS);
                statuses.add(answer.status());
                if (answer.status() == 409) {
                    assertEquals("invitation_pending", answer.json().get("error").asText(), answer::toString);
                    assertEquals("email", answer.json().get("field").asText(), answer::toString);
                }
            }
            assertEquals(1, statuses.stream().filter(status -> status == 201).count(), statuses::toString);
            assertEquals(7, statuses.stream().filter(status -> status == 409).count(), statuses::toString);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, count("email=" + email));
    }

    @Test
    void namesAreCheckedWithTheRealmsUserProfileWhenInvitingNotOnlyAtSignUp() {
        String email = Invitations.newEmail();

        Http.Reply first = invitations().create(invitations().directorToken(), Map.of("email", email, "firstName", "Ivy<script>"));
        Http.Reply last = invitations().create(invitations().directorToken(), Map.of("email", email, "lastName", "{Invitee}"));

        assertEquals(400, first.status(), first::toString);
        assertEquals("firstName", first.json().get("field").asText(), first::toString);
        assertEquals(400, last.status(), last::toString);
        assertEquals("lastName", last.json().get("field").asText(), last::toString);
        assertEquals(0, count("email=" + email));
    }

    @Test
    void anAddressTheMailerCannotSendToIsRefusedWhenInviting() {
        Http.Reply reply = invitations().create(invitations().directorToken(), Map.of("email", "jürgen-" + Invitations.newEmail()));

        assertEquals(400, reply.status(), reply::toString);
        assertEquals("email", reply.json().get("field").asText(), reply::toString);
    }

    @Test
    void aDirectorMayOnlyGrantRolesTheyHold() {
        String director = invitations().directorToken();

        Http.Reply sales = invitations().create(director, Map.of("email", Invitations.newEmail(), "roles", List.of("sales")));
        Http.Reply own = invitations().create(director, Map.of("email", Invitations.newEmail(), "roles", List.of("director"),
                "sendEmail", false));

        assertEquals(403, sales.status(), sales::toString);
        assertTrue(sales.json().get("error_description").asText().contains("'sales'"), sales::toString);
        assertEquals(201, own.status(), own::toString);
    }

    @Test
    void aDirectorMayOnlyAddPeopleToGroupsTheyBelongTo() {
        String group = invitations().newGroup();

        Http.Reply reply = invitations().create(invitations().directorToken(),
                Map.of("email", Invitations.newEmail(), "groups", List.of(group)));

        assertEquals(403, reply.status(), reply::toString);
        assertTrue(reply.json().get("error_description").asText().contains("'" + group + "'"), reply::toString);
    }

    @Test
    void theRealmsDefaultLifetimeApplies() {
        demo.updateWithCleanup(realm -> realm.attribute(RealmSettings.INVITATION_LIFETIME, "3600"));

        JsonNode invitation = invitations().create(invitations().directorToken(),
                Map.of("email", Invitations.newEmail(), "sendEmail", false)).json();

        assertEquals(3_600_000, invitation.get("expiresAt").asLong() - invitation.get("createdAt").asLong(), invitation::toString);
    }

    @Test
    void aUserAdministratorMayGrantAnyRoleKeycloakLetsThemMap() {
        Http.Reply sales = invitations().create(invitations().adminToken(),
                Map.of("email", Invitations.newEmail(), "roles", List.of("sales"), "sendEmail", false));

        assertEquals(201, sales.status(), sales::toString);
    }

    @Test
    void aUserAdministratorMayInviteAnAdmin() {
        Http.Reply reply = invitations().create(invitations().adminToken(),
                Map.of("email", Invitations.newEmail(), "roles", List.of("admin"), "sendEmail", false));

        assertEquals(201, reply.status(), reply::toString);
    }

    @Test
    void aRedirectUriTheClientDoesNotAllowIsRefused() {
        Http.Reply reply = invitations().create(invitations().directorToken(), Map.of("email", Invitations.newEmail(),
                "clientId", "demo-app", "redirectUri", "https://evil.example.org/callback"));

        assertEquals(400, reply.status(), reply::toString);
        assertEquals("redirectUri", reply.json().get("field").asText());
    }

    @ParameterizedTest
    @CsvSource({"*, https://evil.example.org/callback", "https://*, https://evil.example.org/callback",
            "http://*, http://evil.example.org/callback", "http*, https://evil.example.org/callback"})
    void aRedirectUriThatOnlyABareWildcardAllowsIsRefused(String wildcard, String offSite) {
        try (Invitations.AppClient client = invitations().newClient(List.of(wildcard, "http://localhost:3000/*"), null)) {
            Http.Reply refused = invitations().create(invitations().directorToken(), Map.of("email", Invitations.newEmail(),
                    "clientId", client.clientId(), "redirectUri", offSite, "sendEmail", false));
            Http.Reply ownSite = invitations().create(invitations().directorToken(), Map.of("email", Invitations.newEmail(),
                    "clientId", client.clientId(), "redirectUri", "http://localhost:3000/welcome", "sendEmail", false));

            assertEquals(400, refused.status(), refused::toString);
            assertEquals("redirectUri", refused.json().get("field").asText());
            assertTrue(refused.json().get("error_description").asText().contains("any site"), refused::toString);
            assertEquals(201, ownSite.status(), "a redirect URI the client names with its host still may: " + ownSite);
        }
    }

    @Test
    void aRedirectUriOfTheClientIsAccepted() {
        Http.Reply reply = invitations().create(invitations().directorToken(), Map.of("email", Invitations.newEmail(),
                "clientId", "demo-app", "redirectUri", "http://localhost:5173/welcome", "sendEmail", false));

        assertEquals(201, reply.status(), reply::toString);
        assertEquals("http://localhost:5173/welcome", reply.json().get("redirectUri").asText());
    }

    @Test
    void invitingAnExistingUserOrAnAlreadyInvitedAddressIsAConflict() {
        String email = Invitations.newEmail();
        invitations().invite(email, List.of());

        Http.Reply again = invitations().create(invitations().directorToken(), Map.of("email", email));
        Http.Reply existing = invitations().create(invitations().directorToken(), Map.of("email", DemoRealm.SAM));

        assertEquals(409, again.status(), again::toString);
        assertEquals("invitation_pending", again.json().get("error").asText());
        assertEquals(409, existing.status(), existing::toString);
        assertEquals("user_exists", existing.json().get("error").asText());
    }

    static Stream<Arguments> badInvitations() {
        return Stream.of(
                Arguments.of("{not json", null),
                Arguments.of("[]", null),
                Arguments.of("{}", "email"),
                Arguments.of(Map.of("email", "not-an-email"), "email"),
                Arguments.of(Map.of("email", 42), "email"),
                Arguments.of(Map.of("email", "x".repeat(300) + "@example.org"), "email"),
                Arguments.of(Map.of("email", Invitations.newEmail(), "roles", "sales"), "roles"),
                Arguments.of(Map.of("email", Invitations.newEmail(), "roles", List.of("no-such-role")), "roles"),
                Arguments.of(Map.of("email", Invitations.newEmail(), "groups", List.of("/no/such/group")), "groups"),
                Arguments.of(Map.of("email", Invitations.newEmail(), "expiresInSeconds", "soon"), "expiresInSeconds"),
                Arguments.of(Map.of("email", Invitations.newEmail(), "expiresInSeconds", 10), "expiresInSeconds"),
                Arguments.of(Map.of("email", Invitations.newEmail(), "expiresInSeconds", 100_000_000), "expiresInSeconds"),
                Arguments.of(Map.of("email", Invitations.newEmail(), "sendEmail", "yes"), "sendEmail"),
                Arguments.of(Map.of("email", Invitations.newEmail(), "clientId", "no-such-client"), "clientId"),
                Arguments.of(Map.of("email", Invitations.newEmail(), "locale", "xx"), "locale"),
                Arguments.of(Map.of("email", Invitations.newEmail(), "isAdmin", true), "isAdmin"));
    }

    @ParameterizedTest
    @MethodSource("badInvitations")
    void badInputIsA400NamingTheFieldAndChangesNothing(Object body, String field) {
        long before = count("");

        Http.Reply reply = Http.postJson(invitations().url(), invitations().directorToken(), body);

        assertEquals(400, reply.status(), () -> body + " -> " + reply);
        assertEquals("invalid_request", reply.json().path("error").asText(), reply::toString);
        if (field != null) {
            assertEquals(field, reply.json().path("field").asText(), () -> body + " -> " + reply);
        }
        assertEquals(before, count(""));
    }

    private long count(String query) {
        Http.Reply reply = Http.get(invitations().url() + "/count?" + query, invitations().directorToken());
        assertEquals(200, reply.status(), reply::toString);
        return Long.parseLong(reply.raw().body().trim());
    }
}
