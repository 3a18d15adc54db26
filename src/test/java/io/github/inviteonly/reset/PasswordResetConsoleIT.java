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
import java.util.List;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * Deciding in Keycloak's admin console, as user administrators do: Credential reset approves (with our email)
 * by the API's rules (refused with the reason otherwise, and recorded), other execute-actions emails leave the
 * request alone, leaving the queue group rejects (by the same rules), a password set there or a deleted user closes
 * the request.
 */
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
    void credentialResetWithUpdatePasswordAndOtherActionsIsRefusedWhileARequestIsOpen() {
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();
        UserAdministrator userAdmin = userAdministrator();

        Http.Reply sent = Http.putJson(users() + "/" + person.id() + "/execute-actions-email", userAdmin.token(),
                "[\"UPDATE_PASSWORD\",\"VERIFY_EMAIL\"]");

        assertRefusedAndRecorded(sent, 400, "send Update Password alone", person, id, userAdmin.person());
        assertEquals("actions", sent.json().get("field").asText());
    }

    @Test
    void anExecuteActionsEmailWithoutUpdatePasswordLeavesThePendingRequestAlone() {
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();

        Http.Reply sent = Http.putJson(users() + "/" + person.id() + "/execute-actions-email", userAdministrator().token(),
                "[\"VERIFY_EMAIL\"]");
        assertEquals(204, sent.status(), sent.toString());

        MimeMessage email = Mailbox.waitFor(mail, person.email(), 1);
        Mailbox.link(email, "/login-actions/action-token");
        assertFalse(Mailbox.text(email).contains("approved your request"), Mailbox.text(email));
        JsonNode record = Http.get(resets.url() + "/" + id, resets.adminToken()).json();
        assertEquals("PENDING", record.get("status").asText(), "Keycloak's verify-email mail is no decision: " + record);
        assertFalse(record.has("decidedVia"), record.toString());
        assertTrue(inQueue(person), "still waiting in the queue");
    }

    @Test
    void credentialResetOnOnesOwnRequestInTheConsoleIsRefusedAsInTheApi() {
        UserAdministrator userAdmin = userAdministrator();
        String id = resets.askAndAwait(userAdmin.person()).get("id").asText();

        // The API refuses it...
        Http.Reply api = Http.postJson(resets.url() + "/" + id + "/approve", userAdmin.token(), "");
        assertEquals(403, api.status(), api.toString());
        assertEquals("Nobody may decide their own password-reset request", api.json().get("error_description").asText());
        // ... and so does the console's Credential reset on oneself.
        Http.Reply console = Http.putJson(users() + "/" + userAdmin.person().id() + "/execute-actions-email", userAdmin.token(),
                "[\"UPDATE_PASSWORD\"]");

        assertRefusedAndRecorded(console, 403, "Nobody may decide their own password-reset request",
                userAdmin.person(), id, userAdmin.person());
        assertTrue(inQueue(userAdmin.person()));
    }

    @Test
    void aConsoleLifespanOutsideTheRealmsBoundsIsRefusedWithTheBounds() {
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();
        UserAdministrator userAdmin = userAdministrator();
        JsonNode options = Http.get(resets.url() + "/options", resets.adminToken()).json();
        String bounds = "must be between " + options.get("minLinkLifetimeSeconds").asLong() + " and "
                + options.get("maxLinkLifetimeSeconds").asLong() + " seconds";

        // A year, which the API refuses as expiresInSeconds.
        Http.Reply year = Http.putJson(users() + "/" + person.id() + "/execute-actions-email?lifespan=31536000", userAdmin.token(),
                "[\"UPDATE_PASSWORD\"]");

        assertRefusedAndRecorded(year, 400, bounds, person, id, userAdmin.person());
        assertEquals("lifespan", year.json().get("field").asText());
        assertTrue(inQueue(person));
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
    void removingOneselfFromTheQueueInTheConsoleIsRefusedAsRejectingInTheApi() {
        UserAdministrator userAdmin = userAdministrator();
        String id = resets.askAndAwait(userAdmin.person()).get("id").asText();
        String queueId = demo.admin().groups().groups("Password reset requests", true, 0, 1, true).get(0).getId();

        Http.Reply api = Http.postJson(resets.url() + "/" + id + "/reject", userAdmin.token(), "");
        assertEquals(403, api.status(), api.toString());
        Http.Reply console = Http.delete(users() + "/" + userAdmin.person().id() + "/groups/" + queueId, userAdmin.token());

        assertRefusedAndRecorded(console, 403, "Nobody may decide their own password-reset request",
                userAdmin.person(), id, userAdmin.person());
        assertTrue(inQueue(userAdmin.person()), "the refused removal changed nothing");
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

    /**
     * The console's call was refused with the reason (the description its dialog shows); nothing was sent;
     * the request still waits, and shows the refusal, as does Keycloak's admin-event log.
     */
    private void assertRefusedAndRecorded(Http.Reply reply, int status, String reason, Person person, String id, Person by) {
        assertEquals(status, reply.status(), reply.toString());
        String description = reply.json().get("error_description").asText();
        assertTrue(description.contains(reason), description);
        assertEquals(0, Mailbox.to(mail, person.email()).size(), "nothing sent");

        JsonNode record = Http.get(resets.url() + "/" + id, resets.adminToken()).json();
        assertEquals("PENDING", record.get("status").asText(), record.toString());
        JsonNode refusal = record.get("lastRefusal");
        assertEquals(by.id(), refusal.get("by").get("id").asText(), record.toString());
        assertEquals(description, refusal.get("reason").asText());
        assertEquals("CONSOLE", refusal.get("via").asText());
        assertTrue(refusal.get("at").asLong() > System.currentTimeMillis() - 60_000);

        List<AdminEventRepresentation> events = demo.admin().getAdminEvents(null, null, null, null, null,
                "invite-only/password-resets/" + id + "/refusal", null, null, 0, 10);
        assertEquals(1, events.size(), "one admin event for the refusal");
        AdminEventRepresentation event = events.get(0);
        assertEquals("PASSWORD_RESET", event.getResourceType());
        assertEquals(by.id(), event.getAuthDetails().getUserId());
        assertTrue(event.getRepresentation().contains(description), event.getRepresentation());
        assertFalse(event.getRepresentation().contains("key="), "no link in the event");
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
