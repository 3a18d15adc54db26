package io.github.inviteonly.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.settings.RealmSettings;
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
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

/**
 * The owner's side of a reset (issue 23, items 1, 7, 8): told of every request at once, with a link that cancels
 * it only through the page's button; a cancelled request can never be approved; an optional cooling-off.
 */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class PasswordResetCancelIT extends PasswordResetFixture {

    private static final String CANCEL_LINK = "/password-resets/cancel?token=";
    /** A browser name with markup in it: the HTML part must show it, not link it. */
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) OwnerNoticeIT/1.0 <a href=\"https://evil.example\">keep</a>";

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    @Test
    void theOwnerIsToldOfARequestAtOnceWithWhenWhereWhichBrowserAndACancelLinkAndOnlyOnce() {
        Person person = resets.newPerson();
        String ip = PasswordResets.newIp();
        assertEquals(202, resets.ask(person.email(), ip, BROWSER).status());
        JsonNode request = resets.awaitRequestOf(person, "PENDING");
        assertEquals(BROWSER, request.get("userAgent").asText(), "the browser is stored on the request");

        MimeMessage notice = Mailbox.waitForRequestNotice(mail, person.email(), 1);
        String text = Mailbox.text(notice);
        assertTrue(text.contains(ip), text);
        assertTrue(text.contains("OwnerNoticeIT/1.0"), text);
        assertTrue(text.contains("An administrator will review the request"), text);
        assertTrue(text.contains("This wasn't me: cancel it"), text);
        // The plain-text part shows the browser's name as sent; the HTML part escapes it: text, never a link.
        assertEquals(1, text.split("<a href=\"https://evil.example\"", -1).length - 1, text);
        assertTrue(text.contains("&lt;a href"), text);
        String link = Mailbox.link(notice, CANCEL_LINK);
        assertTrue(link.startsWith(demo.getBaseUrl() + "/invite-only/password-resets/cancel?token="), link);
        assertTrue(Mailbox.to(mail, person.email()).isEmpty(), "no reset link before approval");

        // Asking again while the request is open: no second request, no second notice.
        assertEquals(202, resets.ask(person.email(), PasswordResets.newIp(), BROWSER).status());
        Eventually.until("the second ask is refused as already requested",
                () -> demo.admin().getEvents(List.of("CUSTOM_REQUIRED_ACTION_ERROR"), null, person.id(), null, null, null, 0, 10)
                        .stream().anyMatch(e -> "already_requested".equals(e.getError())), Boolean::booleanValue);
        assertEquals(1, Mailbox.requestNotices(mail, person.email()).size(), "one notice per open request");
    }

    @Test
    void openingTheCancelLinkChangesNothingOnlyTheButtonCancelsAndTheApproversAreTold() {
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();
        String link = cancelLinkOf(person);
        assertTrue(inQueue(person));

        Http.Reply page = PasswordResets.openCancelLink(link);
        assertEquals(200, page.status(), page.toString());
        assertTrue(page.raw().body().contains("id=\"invite-only-cancel\""), "a page with the button: " + page);
        assertTrue(page.raw().body().contains("method=\"post\""), page.toString());
        assertEquals("PENDING", record(id).get("status").asText(), "opening the link (as a mail scanner does) cancels nothing");
        assertEquals(200, PasswordResets.openCancelLink(link).status(), "and may be repeated");

        Http.Reply pressed = PasswordResets.pressCancel(link);
        assertEquals(200, pressed.status(), pressed.toString());
        assertTrue(pressed.raw().body().contains("The request is cancelled"), pressed.toString());

        JsonNode cancelled = record(id);
        assertEquals("CANCELLED", cancelled.get("status").asText());
        assertTrue(cancelled.get("cancelledAt").asLong() > System.currentTimeMillis() - 60_000, cancelled.toString());
        assertFalse(inQueue(person), "it left the queue group");
        assertEquals(1, list("CANCELLED").stream().filter(r -> r.get("id").asText().equals(id)).count(), "listed as CANCELLED");

        Http.Reply approve = resets.approve(id, resets.adminToken());
        assertEquals(409, approve.status(), approve.toString());
        assertEquals("password_reset_cancelled", approve.json().get("error").asText());
        assertEquals(409, resets.reject(id, resets.adminToken(), java.util.Map.of()).status());

        String toOwner = Mailbox.text(Mailbox.waitFor(mail, person.email(), 1));
        assertTrue(toOwner.contains("was cancelled"), toOwner);
        String toApprover = Mailbox.text(awaitMessageMentioning(DemoRealm.ALICE, "cancelled the password-reset request", person.email()));
        assertTrue(toApprover.contains(id), toApprover);

        // A second click, on the link or the button: a clear page, never Keycloak's error page.
        for (Http.Reply again : List.of(PasswordResets.openCancelLink(link), PasswordResets.pressCancel(link))) {
            assertEquals(200, again.status(), again.toString());
            assertTrue(again.raw().body().contains("already been cancelled"), again.toString());
            assertFalse(again.raw().body().contains("We are sorry"), again.toString());
        }
        assertEquals(1, Mailbox.to(mail, person.email()).size(), "told once");
    }

    @Test
    void cancellingAnApprovedRequestKillsItsResetLink() {
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();
        String cancel = cancelLinkOf(person);
        assertEquals(200, resets.approve(id, resets.adminToken()).status());
        String token = Mailbox.tokenOf(Mailbox.link(Mailbox.waitFor(mail, person.email(), 1), "/password-resets/complete?token="));

        assertEquals(200, PasswordResets.pressCancel(cancel).status());

        assertEquals("CANCELLED", record(id).get("status").asText());
        Http.Reply complete = resets.complete(token, PasswordResets.NEW_PASSWORD);
        assertEquals(400, complete.status(), "the link is dead: " + complete);
        Http.Reply page = Http.get(resets.publicUrl() + "/complete?token=" + token, null);
        assertTrue(page.raw().body().contains("not valid"), page.toString());
        assertEquals(200, DemoRealm.passwordGrant(demo, person.email(), PasswordResets.OLD_PASSWORD).status(), "nothing changed");
    }

    @Test
    void theCancelLinkDiesWithTheRequestAndSaysNoMoreThanThat() {
        Person rejected = resets.newPerson();
        String rejectedId = resets.askAndAwait(rejected).get("id").asText();
        String rejectedLink = cancelLinkOf(rejected);
        assertEquals(200, resets.reject(rejectedId, resets.adminToken(), java.util.Map.of("reason", "Call us.")).status());

        Person completed = resets.newPerson();
        String completedId = resets.askAndAwait(completed).get("id").asText();
        String completedLink = cancelLinkOf(completed);
        assertEquals(200, resets.approve(completedId, resets.adminToken()).status());
        String token = Mailbox.tokenOf(Mailbox.link(Mailbox.waitFor(mail, completed.email(), 1), "/password-resets/complete?token="));
        assertEquals(204, resets.complete(token, PasswordResets.NEW_PASSWORD).status());

        String unknown = demo.getBaseUrl() + "/invite-only/password-resets/cancel?token=" + "x".repeat(43);
        String noLongerValid = null;
        for (String link : List.of(rejectedLink, completedLink, unknown)) {
            for (Http.Reply reply : List.of(PasswordResets.openCancelLink(link), PasswordResets.pressCancel(link))) {
                assertEquals(410, reply.status(), link + ": " + reply);
                String body = reply.raw().body();
                assertTrue(body.contains("This link is no longer valid"), body);
                assertFalse(body.contains("We are sorry"), body);
                assertFalse(body.contains("Call us."), "reveals nothing: " + body);
                noLongerValid = noLongerValid == null ? text(body) : noLongerValid;
                assertEquals(noLongerValid, text(body), "the same page whatever became of the request, or for no request");
            }
        }
        assertEquals("REJECTED", record(rejectedId).get("status").asText());
        assertEquals("COMPLETED", record(completedId).get("status").asText());
        assertEquals(303, PasswordResets.openCancelLink(demo.getBaseUrl() + "/invite-only/password-resets/cancel?token=%7Bx%7D").status());
    }

    @Test
    void afterTheOwnerCancelledTheConsolesCredentialResetIsRefused() {
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();
        assertEquals(200, PasswordResets.pressCancel(cancelLinkOf(person)).status());
        Mailbox.waitFor(mail, person.email(), 1); // the owner's confirmation

        // Credentials → Credential reset → Update Password, by a user administrator: the console's call.
        String userAdmin = PasswordResets.tokenOf(demo, resets.newPerson("manage-users"), PasswordResets.OLD_PASSWORD);
        String users = demo.getBaseUrl().replace("/realms/", "/admin/realms/") + "/users";
        Http.Reply sent = Http.putJson(users + "/" + person.id() + "/execute-actions-email", userAdmin, "[\"UPDATE_PASSWORD\"]");

        assertEquals(409, sent.status(), sent.toString());
        assertTrue(sent.json().get("error_description").asText().contains("cancelled"), sent.toString());
        JsonNode record = record(id);
        assertEquals("CANCELLED", record.get("status").asText());
        assertTrue(record.get("lastRefusal").get("reason").asText().contains("cancelled"), record.toString());
        assertEquals(1, Mailbox.to(mail, person.email()).size(), "no reset link was mailed");
    }

    @Test
    void aCoolingOffDelaysTheLinkTellsTheOwnerFromWhenAndLeavesTimeToCancel() {
        demo.updateWithCleanup(realm -> realm.attribute(RealmSettings.RESET_COOLING_OFF, "3600"));
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();
        long before = System.currentTimeMillis();
        JsonNode approved = resets.approve(id, resets.adminToken()).json();

        long validFrom = approved.get("linkValidFrom").asLong();
        assertTrue(validFrom >= before + 3_600_000 - 5_000 && validFrom <= System.currentTimeMillis() + 3_600_000 + 5_000, approved.toString());
        assertEquals(validFrom + 1_200_000, approved.get("expiresAt").asLong(), "the link's lifetime counts from its start");
        MimeMessage approval = Mailbox.waitFor(mail, person.email(), 1);
        assertTrue(Mailbox.text(approval).contains("The link works only from"), Mailbox.text(approval));
        String link = Mailbox.link(approval, "/password-resets/complete?token=");
        String token = Mailbox.tokenOf(link);

        Http.Reply early = resets.complete(token, PasswordResets.NEW_PASSWORD);
        assertEquals(409, early.status(), early.toString());
        assertEquals("password_reset_not_yet_valid", early.json().get("error").asText());
        Http.Reply earlyPage = Http.get(link, null);
        assertEquals(409, earlyPage.status(), earlyPage.toString());
        assertTrue(earlyPage.raw().body().contains("This link works only from"), earlyPage.toString());
        assertFalse(earlyPage.raw().body().contains("We are sorry"), earlyPage.toString());

        timeOffSet.set(3_600 + 60);
        assertEquals(200, Http.get(link, null).status(), "the page to choose a password, once the cooling-off is over");
        assertEquals(204, resets.complete(token, PasswordResets.NEW_PASSWORD).status());
    }

    @Test
    void duringTheCoolingOffTheOwnerMayStillCancel() {
        demo.updateWithCleanup(realm -> realm.attribute(RealmSettings.RESET_COOLING_OFF, "3600"));
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();
        String cancel = cancelLinkOf(person);
        assertEquals(200, resets.approve(id, resets.adminToken()).status());
        String token = Mailbox.tokenOf(Mailbox.link(Mailbox.waitFor(mail, person.email(), 1), "/password-resets/complete?token="));

        assertEquals(200, PasswordResets.pressCancel(cancel).status());

        timeOffSet.set(3_600 + 60);
        assertEquals("CANCELLED", record(id).get("status").asText());
        assertEquals(400, resets.complete(token, PasswordResets.NEW_PASSWORD).status(), "the link never starts working");
    }

    @Test
    void aGermanOwnerIsToldInGerman() {
        Person person = resets.newPerson();
        UserRepresentation user = demo.admin().users().get(person.id()).toRepresentation();
        user.singleAttribute("locale", "de");
        demo.admin().users().get(person.id()).update(user);
        String id = resets.askAndAwait(person).get("id").asText();

        MimeMessage notice = awaitMessageMentioning(person.email(), "Das war ich nicht: abbrechen", "");
        String link = Mailbox.link(notice, CANCEL_LINK);
        assertEquals(200, PasswordResets.pressCancel(link).status());
        assertEquals("CANCELLED", record(id).get("status").asText());
        String cancelled = Mailbox.text(awaitMessageMentioning(person.email(), "wurde am", "abgebrochen"));
        assertTrue(cancelled.contains("Niemand kann sie mehr verwenden"), cancelled);
    }

    private String cancelLinkOf(Person person) {
        return Mailbox.link(Mailbox.waitForRequestNotice(mail, person.email(), 1), CANCEL_LINK);
    }

    private JsonNode record(String id) {
        return Http.get(resets.url() + "/" + id, resets.adminToken()).json();
    }

    private List<JsonNode> list(String status) {
        List<JsonNode> all = new java.util.ArrayList<>();
        Http.get(resets.url() + "?status=" + status + "&max=1000", resets.adminToken()).json().forEach(all::add);
        return all;
    }

    private boolean inQueue(Person person) {
        return demo.admin().users().get(person.id()).groups().stream().anyMatch(g -> g.getName().equals("Password reset requests"));
    }

    private MimeMessage awaitMessageMentioning(String address, String text, String also) {
        return Eventually.until("a message to " + address + " mentioning " + text + " and " + also,
                () -> java.util.Arrays.stream(mail.getReceivedMessages())
                        .filter(m -> recipient(m).equalsIgnoreCase(address))
                        .filter(m -> Mailbox.text(m).contains(text) && Mailbox.text(m).contains(also)).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getRecipients(jakarta.mail.Message.RecipientType.TO)[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A page's words, without its markup (which carries per-request values such as the language menu's links). */
    private static String text(String html) {
        return html.replaceAll("(?s)<script.*?</script>", "").replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
    }
}
