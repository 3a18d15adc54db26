package io.github.inviteonly.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.settings.RealmSettings;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Eventually;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.MailServerDown;
import io.github.inviteonly.support.Mailbox;
import io.github.inviteonly.support.PasswordResetFixture;
import io.github.inviteonly.support.PasswordResets;
import io.github.inviteonly.support.PasswordResets.Person;
import io.github.inviteonly.support.SilentMailServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/** Deciding password-reset requests through our admin API: who may, approval and its link, rejection, listing, re-sending. */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class PasswordResetApprovalIT extends PasswordResetFixture {

    @Test
    void onlyApproversMayListOrDecideAndNobodyDecidesTheirOwnRequest() {
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();
        String sales = DemoRealm.accessToken(demo, DemoRealm.SAM, DemoRealm.SAM_PASSWORD);
        String director = DemoRealm.accessToken(demo, DemoRealm.DAVE, DemoRealm.DAVE_PASSWORD);

        assertEquals(401, Http.get(resets.url(), null).status());
        assertEquals(401, resets.approve(id, null).status());
        for (String bearer : List.of(sales, director)) {
            assertEquals(403, Http.get(resets.url(), bearer).status());
            assertEquals(403, Http.get(resets.url() + "/count", bearer).status());
            assertEquals(403, Http.get(resets.url() + "/" + id, bearer).status());
            assertEquals(403, resets.approve(id, bearer).status());
            assertEquals(403, resets.reject(id, bearer, Map.of()).status());
        }
        Person helpDesk = resets.newPerson("approve-password-resets");
        String helpDeskToken = PasswordResets.tokenOf(demo, helpDesk, PasswordResets.OLD_PASSWORD);
        String ownId = resets.askAndAwait(helpDesk).get("id").asText();
        Http.Reply own = resets.approve(ownId, helpDeskToken);
        assertEquals(403, own.status(), own.toString());
        assertEquals(403, resets.reject(ownId, helpDeskToken, Map.of()).status());

        Http.Reply approved = resets.approve(id, helpDeskToken);
        assertEquals(200, approved.status(), approved.toString());
        assertEquals("APPROVED", approved.json().get("status").asText());
        assertEquals(helpDesk.id(), approved.json().get("decidedBy").get("id").asText());
        assertEquals("API", approved.json().get("decidedVia").asText());
        assertEquals(409, resets.approve(id, helpDeskToken).status(), "a request is decided once");
        assertEquals(409, resets.reject(id, helpDeskToken, Map.of()).status());
    }

    @Test
    void approvalEmailsTheUserOneLinkAndIsRecordedAsAnAdminEvent() {
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();
        String admin = resets.adminToken();

        Http.Reply approved = resets.approve(id, admin);

        assertEquals(200, approved.status(), approved.toString());
        assertEquals("SENT", approved.json().get("emailDelivery").asText());
        MimeMessage email = Mailbox.waitFor(mail, person.email(), 1);
        String link = Mailbox.link(email, "/invite-only/password-resets/complete?token=");
        String token = Mailbox.tokenOf(link);
        assertNoSecret(Http.get(resets.url() + "/" + id, admin), token);
        assertNoSecret(Http.get(resets.url() + "?max=1000", admin), token);
        assertNoSecret(approved, token);
        assertFalse(inQueue(person), "an approved request leaves the queue");

        AdminEventRepresentation event = adminEvent("invite-only/password-resets/" + id + "/approve");
        assertEquals(PasswordResetsAdminResource.RESOURCE_TYPE, event.getResourceType());
        assertEquals(userIdOf(DemoRealm.ALICE), event.getAuthDetails().getUserId());
        assertFalse(event.getRepresentation().contains(token));
    }

    @Test
    void approvalAndRejectionEmailsLeftPendingAreSentAgainByTheSweepOnceTheApprovalWithANewLink() throws Exception {
        Person approvedPerson = resets.newPerson();
        Person rejectedPerson = resets.newPerson();
        String approvedId = resets.askAndAwait(approvedPerson).get("id").asText();
        String rejectedId = resets.askAndAwait(rejectedPerson).get("id").asText();
        String admin = resets.adminToken();
        // The approvers' notices of both requests are out before the mail server falls silent.
        int[] seen = {-1};
        Eventually.until("no email in flight", () -> {
            int now = mail.getReceivedMessages().length;
            boolean quiet = now == seen[0];
            seen[0] = now;
            return quiet;
        }, quiet -> quiet);
        ExecutorService calls = Executors.newFixedThreadPool(2);
        MimeMessage approval;
        try (SilentMailServer silent = new SilentMailServer()) {
            Future<Http.Reply> approve;
            Future<Http.Reply> reject;
            try (MailServerDown silenced = new MailServerDown(demo, silent.port())) {
                approve = calls.submit(() -> resets.approve(approvedId, admin));
                reject = calls.submit(() -> resets.reject(rejectedId, admin, Map.of("reason", "Call the help desk.")));
                silent.awaitSends(2);
            }

            demo.updateWithCleanup(realm -> realm.attribute(RealmSettings.EMAIL_RESEND_PENDING_AFTER, "2"));
            approval = Mailbox.waitFor(mail, approvedPerson.email(), 1);
            assertTrue(Mailbox.text(approval).contains("This email replaces any earlier one"), Mailbox.text(approval));
            MimeMessage rejection = Mailbox.waitFor(mail, rejectedPerson.email(), 1);
            assertTrue(Mailbox.text(rejection).contains("Call the help desk."), Mailbox.text(rejection));
            assertEquals(200, approve.get(1, TimeUnit.MINUTES).status());
            assertEquals(200, reject.get(1, TimeUnit.MINUTES).status());
            silent.awaitGivenUp();
        } finally {
            calls.shutdownNow();
        }
        Thread.sleep(3000); // more than one round of the sweep with the short setting
        assertEquals(1, Mailbox.to(mail, approvedPerson.email()).size(), "the approval sent again once");
        assertEquals(1, Mailbox.to(mail, rejectedPerson.email()).size(), "the rejection sent again once");
        for (String id : List.of(approvedId, rejectedId)) {
            assertEquals("SENT", Http.get(resets.url() + "/" + id, admin).json().get("emailDelivery").asText(),
                    "the first attempt, given up later, does not overwrite what the sweep's email recorded");
        }
        String token = Mailbox.tokenOf(Mailbox.link(approval, "/invite-only/password-resets/complete?token="));
        Http.Reply completed = resets.complete(token, PasswordResets.NEW_PASSWORD);
        assertEquals(204, completed.status(), "the new link works: " + completed);
    }

    @Test
    void rejectionKeepsTheReasonTellsTheUserAndIsRecordedAsAnAdminEvent() {
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();

        Http.Reply rejected = resets.reject(id, resets.adminToken(), Map.of("reason", "Please call the help desk first."));

        assertEquals(200, rejected.status(), rejected.toString());
        assertEquals("REJECTED", rejected.json().get("status").asText());
        assertEquals("Please call the help desk first.", rejected.json().get("reason").asText());
        assertTrue(Mailbox.text(Mailbox.waitFor(mail, person.email(), 1)).contains("Please call the help desk first."));
        assertFalse(inQueue(person));
        AdminEventRepresentation event = adminEvent("invite-only/password-resets/" + id + "/reject");
        assertTrue(event.getRepresentation().contains("Please call the help desk first."), event.getRepresentation());
    }

    @Test
    void listAndCountFilterByStatusNewestFirst() {
        Person older = resets.newPerson();
        Person newer = resets.newPerson();
        String olderId = resets.askAndAwait(older).get("id").asText();
        resets.askAndAwait(newer);
        String admin = resets.adminToken();
        resets.reject(olderId, admin, Map.of());

        long pending = count("PENDING");
        JsonNode page = Http.get(resets.url() + "?status=PENDING&first=0&max=1", admin).json();
        assertEquals(1, page.size());
        assertEquals(newer.id(), page.get(0).get("userId").asText(), "newest first");
        assertEquals(pending, Http.get(resets.url() + "?status=PENDING&max=1000", admin).json().size());
        assertTrue(count("REJECTED") >= 1);
        assertEquals(count(null), count("PENDING") + count("APPROVED") + count("REJECTED") + count("COMPLETED") + count("EXPIRED"));

        assertEquals(400, Http.get(resets.url() + "?status=LOST", admin).status());
        assertEquals("status", Http.get(resets.url() + "?status=LOST", admin).json().get("field").asText());
        assertEquals("max", Http.get(resets.url() + "?max=0", admin).json().get("field").asText());
        assertEquals("first", Http.get(resets.url() + "?first=-1", admin).json().get("field").asText());
        assertEquals(404, Http.get(resets.url() + "/no-such-id", admin).status());
        assertEquals(404, resets.approve("no-such-id", admin).status());
        assertEquals("reason", resets.reject(olderId, admin, Map.of("reason", "x".repeat(1001))).json().get("field").asText());
        assertEquals("reason", resets.reject(olderId, admin, Map.of("reason", 7)).json().get("field").asText());
    }

    @Test
    void anApprovedRequestWhoseEmailFailedIsSentAgainWithANewLinkAndTheOldOneDies() {
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();
        String admin = resets.adminToken();
        Http.Reply approved;
        try (MailServerDown down = new MailServerDown(demo)) {
            approved = resets.approve(id, admin);
        }
        assertEquals("FAILED", approved.json().get("emailDelivery").asText(), approved.toString());
        assertEquals(409, resets.approve(id, admin).status(), "approving again is not the way");

        Http.Reply resent = Http.postJson(resets.url() + "/" + id + "/resend", admin, "");

        assertEquals(200, resent.status(), resent.toString());
        assertEquals("APPROVED", resent.json().get("status").asText());
        assertEquals("SENT", resent.json().get("emailDelivery").asText());
        String link = Mailbox.link(Mailbox.waitFor(mail, person.email(), 1), "/password-resets/complete?token=");
        assertEquals(204, resets.complete(Mailbox.tokenOf(link), PasswordResets.NEW_PASSWORD).status());
        assertEquals("ACTION", adminEvent("invite-only/password-resets/" + id + "/resend").getOperationType());
    }

    private boolean inQueue(Person person) {
        return demo.admin().users().get(person.id()).groups().stream().anyMatch(g -> g.getName().equals("Password reset requests"));
    }

    private String userIdOf(String email) {
        return demo.admin().users().searchByEmail(email, true).get(0).getId();
    }

    private AdminEventRepresentation adminEvent(String path) {
        List<AdminEventRepresentation> events = demo.admin().getAdminEvents(null, null, null, null, null, path, null,
                (String) null, null, 0, 5, null);
        assertEquals(1, events.size(), "one admin event at " + path);
        return events.get(0);
    }

    private static void assertNoSecret(Http.Reply reply, String token) {
        String body = reply.raw().body();
        assertFalse(body.contains(token), "no token in " + body);
        assertFalse(body.contains("token"), "no token field in " + body);
        assertFalse(body.contains("complete?"), "no link in " + body);
        assertNull(reply.json().get("link"));
    }

    private long count(String status) {
        return Http.get(resets.url() + "/count" + (status == null ? "" : "?status=" + status), resets.adminToken()).json().asLong();
    }
}
