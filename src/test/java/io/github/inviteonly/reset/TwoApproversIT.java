package io.github.inviteonly.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.support.Browser;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Eventually;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.Mailbox;
import io.github.inviteonly.support.PasswordResetFixture;
import io.github.inviteonly.support.PasswordResets;
import io.github.inviteonly.support.PasswordResets.Person;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;

/**
 * A privileged account's reset request (here: one holding a realm-management role) needs two different
 * approvers, neither the owner, on every door: the REST API (which the manage page calls) and Keycloak's
 * console, where Credential reset counts as one approval and, as the first of two, sends nothing and says so.
 * The demo realm's help desk, hana and hugo, are the two. Where only one person may approve, the request, the
 * manage page and the approvers' email say so.
 */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class TwoApproversIT extends PasswordResetFixture {

    /** The demo realm again, for the realm whose only approver is alice (hana and hugo are taken out). */
    public static class FewApproversRealmConfig implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder realm) {
            return realm.name("few-approvers");
        }
    }

    @InjectRealm(ref = "few", fromJson = DemoRealm.JSON, config = FewApproversRealmConfig.class)
    ManagedRealm few;

    @Test
    void aPrivilegedRequestStaysPendingAfterHanaApprovesAndTheLinkGoesOutOnlyAfterHugo() {
        Person admin = resets.newPerson("view-users");
        JsonNode asked = resets.askAndAwait(admin);
        String id = asked.get("id").asText();
        assertEquals(2, asked.get("approvalsRequired").asInt(), asked.toString());
        assertEquals(0, asked.get("approvals").size());
        assertTrue(asked.get("eligibleApprovers").asInt() >= 2, asked.toString());
        String hana = DemoRealm.accessToken(demo, DemoRealm.HANA, DemoRealm.HANA_PASSWORD);
        String hugo = DemoRealm.accessToken(demo, DemoRealm.HUGO, DemoRealm.HUGO_PASSWORD);

        Http.Reply first = resets.approve(id, hana);
        assertEquals(200, first.status(), first.toString());
        assertEquals("PENDING", first.json().get("status").asText());
        assertEquals(1, first.json().get("approvals").size());
        JsonNode byHana = first.json().get("approvals").get(0);
        assertEquals(DemoRealm.HANA, byHana.get("approvedBy").get("username").asText());
        assertEquals("API", byHana.get("via").asText());
        assertTrue(byHana.get("at").asLong() > 0);
        assertTrue(first.json().get("decidedBy") == null || first.json().get("decidedBy").isNull(), "not decided yet");
        assertEquals(0, Mailbox.to(mail, admin.email()).size(), "no link after the first approval");
        assertTrue(inQueue(admin), "still waiting in the queue");

        Http.Reply again = resets.approve(id, hana);
        assertEquals(409, again.status(), again.toString());
        assertEquals("already_approved", again.json().get("error").asText());
        assertEquals(1, Http.get(resets.url() + "/" + id, hana).json().get("approvals").size(), "hana counts once");

        Http.Reply second = resets.approve(id, hugo);
        assertEquals(200, second.status(), second.toString());
        assertEquals("APPROVED", second.json().get("status").asText());
        assertEquals("SENT", second.json().get("emailDelivery").asText());
        assertEquals(List.of(DemoRealm.HANA, DemoRealm.HUGO), second.json().get("approvals").findValuesAsText("username"));
        assertEquals(DemoRealm.HUGO, second.json().get("decidedBy").get("username").asText());
        assertFalse(inQueue(admin));
        String link = Mailbox.link(Mailbox.waitFor(mail, admin.email(), 1), "/password-resets/complete?token=");
        assertEquals(1, Mailbox.to(mail, admin.email()).size());
        assertEquals(204, resets.complete(Mailbox.tokenOf(link), PasswordResets.NEW_PASSWORD).status(), "the link works");
    }

    @Test
    void theApproversEmailOfAPrivilegedRequestSaysTwoApproversMustApprove() {
        Person admin = resets.newPerson("query-users");
        resets.askAndAwait(admin);
        String text = Mailbox.text(messageTo(DemoRealm.HANA, admin.email()));
        assertTrue(text.contains("This account is privileged: 2 different approvers must approve before the link is sent"), text);
        assertFalse(text.contains("Only one approver"), text);
    }

    @Test
    void theOwnerCannotApproveTheirOwnPrivilegedRequest() {
        Person helpDesk = resets.newPerson("approve-password-resets");
        String id = resets.askAndAwait(helpDesk).get("id").asText();
        Http.Reply own = resets.approve(id, PasswordResets.tokenOf(demo, helpDesk, PasswordResets.OLD_PASSWORD));
        assertEquals(403, own.status(), own.toString());
        JsonNode record = Http.get(resets.url() + "/" + id, resets.adminToken()).json();
        assertEquals("PENDING", record.get("status").asText());
        assertEquals(0, record.get("approvals").size());
        assertEquals(2, record.get("approvalsRequired").asInt());
    }

    @Test
    void anOrdinaryRequestStillNeedsOneApproval() {
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();
        Http.Reply approved = resets.approve(id, DemoRealm.accessToken(demo, DemoRealm.HANA, DemoRealm.HANA_PASSWORD));
        assertEquals(200, approved.status(), approved.toString());
        assertEquals("APPROVED", approved.json().get("status").asText());
        assertEquals(1, approved.json().get("approvalsRequired").asInt());
        assertEquals(List.of(DemoRealm.HANA), approved.json().get("approvals").findValuesAsText("username"));
        Mailbox.link(Mailbox.waitFor(mail, person.email(), 1), "/password-resets/complete?token=");
    }

    @Test
    void aRejectionAfterOneApprovalEndsTheRequest() {
        Person admin = resets.newPerson("view-users");
        String id = resets.askAndAwait(admin).get("id").asText();
        assertEquals(200, resets.approve(id, DemoRealm.accessToken(demo, DemoRealm.HANA, DemoRealm.HANA_PASSWORD)).status());

        Http.Reply rejected = resets.reject(id, DemoRealm.accessToken(demo, DemoRealm.HUGO, DemoRealm.HUGO_PASSWORD),
                Map.of("reason", "Call the help desk."));
        assertEquals(200, rejected.status(), rejected.toString());
        assertEquals("REJECTED", rejected.json().get("status").asText());
        assertEquals(409, resets.approve(id, resets.adminToken()).status(), "a rejected request cannot be approved");
        assertTrue(Mailbox.text(Mailbox.waitFor(mail, admin.email(), 1)).contains("Call the help desk."));
        assertEquals(1, Mailbox.to(mail, admin.email()).size(), "the rejection only, no link");
        assertFalse(inQueue(admin));
    }

    @Test
    void credentialResetInTheConsoleCountsAsOneApprovalAndAsTheFirstSendsNoEmail() {
        Person admin = resets.newPerson("view-users");
        String id = resets.askAndAwait(admin).get("id").asText();
        Person userAdmin = resets.newPerson("manage-users");
        String console = PasswordResets.tokenOf(demo, userAdmin, PasswordResets.OLD_PASSWORD);

        Http.Reply first = credentialReset(admin, console);
        assertEquals(409, first.status(), first.toString());
        assertEquals("second_approval_required", first.json().get("error").asText());
        assertEquals("Recorded approval 1 of 2; a second approver must approve before the email is sent",
                first.json().get("error_description").asText());
        JsonNode record = Http.get(resets.url() + "/" + id, resets.adminToken()).json();
        assertEquals("PENDING", record.get("status").asText(), record.toString());
        assertEquals(1, record.get("approvals").size(), record.toString());
        assertEquals(userAdmin.id(), record.get("approvals").get(0).get("approvedBy").get("id").asText());
        assertEquals("CONSOLE", record.get("approvals").get(0).get("via").asText());
        assertTrue(record.get("lastRefusal") == null || record.get("lastRefusal").isNull(), "counted, not refused");
        assertTrue(inQueue(admin));
        assertEquals(0, Mailbox.to(mail, admin.email()).size(), "neither Keycloak's email nor ours");

        Http.Reply again = credentialReset(admin, console);
        assertEquals(409, again.status(), again.toString());
        assertEquals("already_approved", again.json().get("error").asText());
        assertEquals(1, Http.get(resets.url() + "/" + id, resets.adminToken()).json().get("approvals").size());

        Http.Reply second = resets.approve(id, DemoRealm.accessToken(demo, DemoRealm.HANA, DemoRealm.HANA_PASSWORD));
        assertEquals("APPROVED", second.json().get("status").asText(), second.toString());
        assertTrue(Mailbox.text(Mailbox.waitFor(mail, admin.email(), 1)).contains("approved your request"));
        assertEquals(1, Mailbox.to(mail, admin.email()).size());
    }

    @Test
    void credentialResetInTheConsoleAsTheSecondApprovalApprovesWithOurEmail() {
        Person admin = resets.newPerson("view-users");
        String id = resets.askAndAwait(admin).get("id").asText();
        assertEquals(200, resets.approve(id, DemoRealm.accessToken(demo, DemoRealm.HANA, DemoRealm.HANA_PASSWORD)).status());
        Person userAdmin = resets.newPerson("manage-users");

        Http.Reply second = credentialReset(admin, PasswordResets.tokenOf(demo, userAdmin, PasswordResets.OLD_PASSWORD));
        assertEquals(204, second.status(), second.toString());
        JsonNode record = Http.get(resets.url() + "/" + id, resets.adminToken()).json();
        assertEquals("APPROVED", record.get("status").asText(), record.toString());
        assertEquals("CONSOLE", record.get("decidedVia").asText());
        assertEquals(List.of("API", "CONSOLE"), record.get("approvals").findValuesAsText("via"));
        MimeMessage approval = Mailbox.waitFor(mail, admin.email(), 1);
        assertTrue(Mailbox.text(approval).contains("approved your request"), Mailbox.text(approval));
        assertEquals(1, Mailbox.to(mail, admin.email()).size(), "ours, not Keycloak's as well");
    }

    @Test
    void theHelpDeskHoldsOnlyApprovePasswordResetsAndCanSignInAndSeeTheQueue() {
        for (String[] login : List.of(new String[] {DemoRealm.HANA, DemoRealm.HANA_PASSWORD},
                new String[] {DemoRealm.HUGO, DemoRealm.HUGO_PASSWORD})) {
            String token = DemoRealm.accessToken(demo, login[0], login[1]);
            assertEquals(200, Http.get(resets.url(), token).status(), login[0]);
            String userId = demo.admin().users().search(login[0], true).get(0).getId();
            String realmManagement = demo.admin().clients().findByClientId("realm-management").get(0).getId();
            assertEquals(List.of("approve-password-resets"), demo.admin().users().get(userId).roles().clientLevel(realmManagement)
                    .listEffective().stream().map(RoleRepresentation::getName).toList(), login[0]);
        }
    }

    @Test
    void whereOnlyOneApproverCanApproveARequestTheRequestAndTheApproversEmailSaySo() {
        for (String helpDesk : List.of(DemoRealm.HANA, DemoRealm.HUGO)) {
            few.admin().users().search(helpDesk, true).forEach(user -> few.admin().users().get(user.getId()).remove());
        }
        PasswordResets inFew = new PasswordResets(few);
        Person admin = inFew.newPerson("view-users");
        JsonNode asked = inFew.askAndAwait(admin);
        assertEquals(1, asked.get("eligibleApprovers").asInt(), "alice only: " + asked);
        assertEquals(2, asked.get("approvalsRequired").asInt());
        String text = Mailbox.text(messageTo(DemoRealm.ALICE, admin.email()));
        assertTrue(text.contains("Only one approver can approve this request"), text);

        try (Browser alice = Browser.start("manage-only-one-approver")) {
            alice.open(DemoRealm.api(few) + "/manage/#/password-resets/" + asked.get("id").asText());
            alice.signIn(DemoRealm.ALICE, DemoRealm.ALICE_PASSWORD);
            alice.waitForText("Request of " + admin.email());
            alice.waitForText("Only one approver can approve this request");
            alice.waitForText("0 of 2");
            alice.see("only-one-approver");
        }
    }

    private Http.Reply credentialReset(Person person, String bearer) {
        return Http.putJson(demo.getBaseUrl().replace("/realms/", "/admin/realms/") + "/users/" + person.id()
                + "/execute-actions-email", bearer, "[\"UPDATE_PASSWORD\"]");
    }

    private boolean inQueue(Person person) {
        return demo.admin().users().get(person.id()).groups().stream().anyMatch(g -> g.getName().equals("Password reset requests"));
    }

    private MimeMessage messageTo(String address, String mentioning) {
        return Eventually.until("a message to " + address + " mentioning " + mentioning,
                () -> Mailbox.to(mail, address).stream().filter(m -> Mailbox.text(m).contains(mentioning)).findFirst(),
                Optional::isPresent).orElseThrow();
    }
}
