package io.github.inviteonly.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.Mailbox;
import io.github.inviteonly.support.PasswordResetFixture;
import io.github.inviteonly.support.PasswordResets;
import io.github.inviteonly.support.PasswordResets.Person;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/** Deciding in Keycloak's admin console, as user administrators do: Credential reset approves (with our email), leaving the queue group rejects, a password set there or a deleted user closes the request. */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class PasswordResetConsoleIT extends PasswordResetFixture {

    @Test
    void aUserAdministratorApprovesInTheConsoleWithCredentialReset() {
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();
        UserAdministrator userAdmin = userAdministrator();
        String console = userAdmin.token();

        // What the console shows: the queue group and its members.
        String groups = demo.getBaseUrl().replace("/realms/", "/admin/realms/") + "/groups";
        JsonNode queue = Http.get(groups + "?search=Password%20reset%20requests&exact=true", console).json().get(0);
        JsonNode members = Http.get(groups + "/" + queue.get("id").asText() + "/members", console).json();
        assertTrue(members.findValuesAsText("id").contains(person.id()), members.toString());

        // Credentials → Credential reset → Update Password, expires in 10 minutes: the console's call.
        long before = System.currentTimeMillis();
        Http.Reply sent = Http.putJson(users() + "/" + person.id() + "/execute-actions-email?lifespan=600", console,
                "[\"UPDATE_PASSWORD\"]");
        assertEquals(204, sent.status(), sent.toString());

        JsonNode record = Http.get(resets.url() + "/" + id, resets.adminToken()).json();
        assertEquals("APPROVED", record.get("status").asText());
        assertEquals("CONSOLE", record.get("decidedVia").asText());
        assertEquals(userAdmin.person().id(), record.get("decidedBy").get("id").asText());
        long expiresAt = record.get("expiresAt").asLong();
        assertTrue(expiresAt >= before + 600_000 - 5_000 && expiresAt <= System.currentTimeMillis() + 600_000 + 5_000,
                "the link lifetime chosen in the console");
        assertFalse(inQueue(person));
        // Our approval email with our single-use link, instead of Keycloak's generic one.
        MimeMessage approval = Mailbox.waitFor(mail, person.email(), 1);
        assertTrue(Mailbox.text(approval).contains("approved your request"), Mailbox.text(approval));
        Mailbox.link(approval, "/password-resets/complete?token=");
        assertEquals(1, Mailbox.to(mail, person.email()).size());
    }

    @Test
    void resendingReplacesTheLinkSoTheEarlierOneNoLongerWorks() {
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();
        String admin = resets.adminToken();
        assertEquals(409, Http.postJson(resets.url() + "/" + id + "/resend", admin, "").status(), "a pending request has no link yet");
        assertEquals(200, resets.approve(id, admin).status());
        String first = Mailbox.link(Mailbox.waitFor(mail, person.email(), 1), "/password-resets/complete?token=");

        // The console's way: Credential reset again on an approved request re-issues its link.
        Http.Reply again = Http.putJson(users() + "/" + person.id() + "/execute-actions-email", userAdministrator().token(),
                "[\"UPDATE_PASSWORD\"]");
        assertEquals(204, again.status(), again.toString());
        String second = Mailbox.link(Mailbox.waitFor(mail, person.email(), 2), "/password-resets/complete?token=");
        assertTrue(Mailbox.text(Mailbox.waitFor(mail, person.email(), 2)).contains("approved your request"));

        assertEquals(400, resets.complete(Mailbox.tokenOf(first), PasswordResets.NEW_PASSWORD).status(),
                "the earlier link is dead");
        assertEquals(204, resets.complete(Mailbox.tokenOf(second), PasswordResets.NEW_PASSWORD).status());
    }

    @Test
    void theOlderResetPasswordEmailCallApprovesWithOurEmailToo() {
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();

        Http.Reply sent = Http.putJson(users() + "/" + person.id() + "/reset-password-email", userAdministrator().token(), "");
        assertEquals(204, sent.status(), sent.toString());

        assertEquals("APPROVED", Http.get(resets.url() + "/" + id, resets.adminToken()).json().get("status").asText());
        assertTrue(Mailbox.text(Mailbox.waitFor(mail, person.email(), 1)).contains("approved your request"));
    }

    @Test
    void credentialResetWithMoreThanUpdatePasswordSendsKeycloaksOwnEmailAndStillApproves() {
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();

        Http.Reply sent = Http.putJson(users() + "/" + person.id() + "/execute-actions-email", userAdministrator().token(),
                "[\"UPDATE_PASSWORD\",\"VERIFY_EMAIL\"]");
        assertEquals(204, sent.status(), sent.toString());

        JsonNode record = Http.get(resets.url() + "/" + id, resets.adminToken()).json();
        assertEquals("APPROVED", record.get("status").asText());
        assertEquals(12 * 3600 * 1000L, record.get("expiresAt").asLong() - record.get("decidedAt").asLong(),
                "approved for as long as Keycloak's link lives (the realm's admin action lifespan)");
        MimeMessage email = Mailbox.waitFor(mail, person.email(), 1);
        Mailbox.link(email, "/login-actions/action-token");
        assertEquals(1, Mailbox.to(mail, person.email()).size(), "Keycloak's email alone");
    }

    @Test
    void aUserAdministratorRejectsInTheConsoleByRemovingTheUserFromTheQueue() {
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();
        UserAdministrator userAdmin = userAdministrator();
        String console = userAdmin.token();
        String queueId = demo.admin().groups().groups("Password reset requests", true, 0, 1, true).get(0).getId();

        Http.Reply left = Http.delete(users() + "/" + person.id() + "/groups/" + queueId, console);
        assertEquals(204, left.status(), left.toString());

        JsonNode record = Http.get(resets.url() + "/" + id, resets.adminToken()).json();
        assertEquals("REJECTED", record.get("status").asText());
        assertEquals("CONSOLE", record.get("decidedVia").asText());
        assertEquals(userAdmin.person().id(), record.get("decidedBy").get("id").asText());
        assertFalse(record.has("reason"), "no reason given in the console: " + record);
        assertTrue(Mailbox.text(Mailbox.waitFor(mail, person.email(), 1)).contains("did not approve"));
    }

    @Test
    void aPasswordSetByAnAdministratorInTheConsoleCompletesTheRequest() {
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();
        UserAdministrator userAdmin = userAdministrator();
        String console = userAdmin.token();

        // Credentials → Reset password, as the console sends it.
        Http.Reply set = Http.putJson(users() + "/" + person.id() + "/reset-password", console,
                "{\"type\":\"password\",\"value\":\"" + PasswordResets.NEW_PASSWORD + "\",\"temporary\":true}");
        assertEquals(204, set.status(), set.toString());

        assertEquals("COMPLETED", Http.get(resets.url() + "/" + id, resets.adminToken()).json().get("status").asText());
        assertFalse(inQueue(person));
    }

    @Test
    void deletingTheUserClosesTheirOpenRequest() {
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();

        demo.admin().users().delete(person.id()).close();

        JsonNode record = Http.get(resets.url() + "/" + id, resets.adminToken()).json();
        assertEquals("REJECTED", record.get("status").asText());
        assertEquals(ResetHousekeeping.ACCOUNT_DELETED, record.get("reason").asText());
        assertEquals(409, resets.approve(id, resets.adminToken()).status());
    }

    private record UserAdministrator(Person person, String token) {
    }

    private UserAdministrator userAdministrator() {
        Person person = resets.newPerson("manage-users");
        return new UserAdministrator(person, PasswordResets.tokenOf(demo, person, PasswordResets.OLD_PASSWORD));
    }

    private String users() {
        return demo.getBaseUrl().replace("/realms/", "/admin/realms/") + "/users";
    }

    private boolean inQueue(Person person) {
        return demo.admin().users().get(person.id()).groups().stream().anyMatch(g -> g.getName().equals("Password reset requests"));
    }
}
