package io.github.inviteonly.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InvitationFixture;
import io.github.inviteonly.support.Invitations;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/** Listing, counting and bulk creation of invitations, and the admin events of every change. */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class InvitationListIT extends InvitationFixture {

    @Test
    void listIsNewestFirstPagedAndFilteredWithAMatchingCount() {
        String director = invitations().directorToken();
        String marker = "page" + System.nanoTime();
        for (int i = 0; i < 3; i++) {
            invitations().create(director, Map.of("email", marker + "-" + i + "@example.org", "sendEmail", false));
        }

        Http.Reply page = Http.get(invitations().url() + "?search=" + marker + "&first=0&max=2", director);
        Http.Reply rest = Http.get(invitations().url() + "?search=" + marker + "&first=2&max=2", director);

        assertEquals(200, page.status(), page::toString);
        assertEquals(2, page.json().size());
        assertEquals(marker + "-2@example.org", page.json().get(0).get("email").asText());
        assertEquals(marker + "-1@example.org", page.json().get(1).get("email").asText());
        assertEquals(1, rest.json().size());
        assertEquals(3, count("search=" + marker));
        assertEquals(3, count("search=" + marker + "&status=PENDING"));
        assertEquals(0, count("search=" + marker + "&status=ACCEPTED"));
        assertEquals(400, Http.get(invitations().url() + "?status=LOST", director).status());
        assertEquals(400, Http.get(invitations().url() + "?max=0", director).status());
    }

    @Test
    void bulkCreatesTheValidItemsAndReportsTheOthers() {
        String fresh = Invitations.newEmail();
        Map<String, Object> body = Map.of("invitations", List.of(
                Map.of("email", fresh, "sendEmail", false),
                Map.of("email", "broken"),
                Map.of("email", DemoRealm.SAM),
                Map.of("email", fresh),
                Map.of("email", Invitations.newEmail(), "roles", List.of("admin"))));

        Http.Reply reply = Http.postJson(invitations().url() + "/bulk", invitations().directorToken(), body);

        assertEquals(200, reply.status(), reply::toString);
        JsonNode results = reply.json().get("results");
        assertEquals("created", results.get(0).get("result").asText());
        assertNotNull(results.get(0).get("invitation").get("id"));
        assertEquals("invalid", results.get(1).get("result").asText());
        assertEquals("conflict", results.get(2).get("result").asText());
        assertEquals("conflict", results.get(3).get("result").asText());
        assertEquals("forbidden", results.get(4).get("result").asText());
        assertEquals(1, reply.json().get("created").asInt());
        assertEquals(1, count("email=" + fresh));
    }

    @Test
    void creatingAnInvitationIsAnAdminEventWithoutTheToken() {
        String email = Invitations.newEmail();
        String id = invitations().invite(email, List.of()).json().get("id").asText();
        String token = invitations().tokenFromMail(mail, email, 1);

        List<AdminEventRepresentation> events = adminEvents("invite-only/invitations/" + id);

        assertEquals(1, events.size(), events::toString);
        AdminEventRepresentation event = events.get(0);
        assertEquals("CREATE", event.getOperationType());
        assertEquals(InvitationsAdminResource.RESOURCE_TYPE, event.getResourceType());
        assertTrue(event.getRepresentation().contains(email));
        assertFalse(event.getRepresentation().contains(token));
    }

    @Test
    void resendRevokeAndBulkAreAdminEvents() {
        String director = invitations().directorToken();
        String id = invitations().invite(Invitations.newEmail(), List.of()).json().get("id").asText();
        assertEquals(200, Http.postJson(invitations().url() + "/" + id + "/resend", director, "").status());
        assertEquals(204, Http.delete(invitations().url() + "/" + id, director).status());
        String bulkEmail = Invitations.newEmail();
        assertEquals(200, Http.postJson(invitations().url() + "/bulk", director,
                Map.of("invitations", List.of(Map.of("email", bulkEmail, "sendEmail", false)))).status());

        assertEquals(List.of("ACTION"), operations("invite-only/invitations/" + id + "/resend"));
        assertTrue(operations("invite-only/invitations/" + id).containsAll(List.of("CREATE", "DELETE")));
        assertTrue(adminEvents("invite-only/invitations/bulk").stream()
                .anyMatch(e -> e.getRepresentation().contains("\"created\":1")
                        && e.getRepresentation().contains(invitationId(bulkEmail))));
    }

    private List<AdminEventRepresentation> adminEvents(String path) {
        return demo.admin().getAdminEvents(null, null, null, null, null, path, null, (String) null, null, 0, 100, null);
    }

    private List<String> operations(String path) {
        return adminEvents(path).stream().map(AdminEventRepresentation::getOperationType).toList();
    }

    private String invitationId(String email) {
        return Http.get(invitations().url() + "?email=" + email, invitations().directorToken()).json().get(0).get("id").asText();
    }

    private long count(String query) {
        Http.Reply reply = Http.get(invitations().url() + "/count?" + query, invitations().directorToken());
        assertEquals(200, reply.status(), reply::toString);
        return Long.parseLong(reply.raw().body().trim());
    }
}
