package io.github.inviteonly.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.support.Axe;
import io.github.inviteonly.support.Browser;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Eventually;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.MailServerDown;
import io.github.inviteonly.support.Mailbox;
import io.github.inviteonly.support.PasswordResetFixture;
import io.github.inviteonly.support.PasswordResets;
import io.github.inviteonly.support.PasswordResets.Person;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Approvers on the manage page, in a real browser: from the approver email to an approval whose link
 * works, a rejection whose email carries the reason, a resend after a failed mail, one's own request
 * refused, and the same in German at phone width by keyboard alone. axe-core checks every view.
 */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class ManageResetsJourneyIT extends PasswordResetFixture {

    private String page() {
        return DemoRealm.api(demo) + "/manage/";
    }

    @Test
    void aliceApprovesFromTheApproverEmailAndRejectsWithAReason() {
        Person carol = resets.newPerson();
        String carolId = resets.askAndAwait(carol).get("id").asText();
        String link = Mailbox.link(messageTo(DemoRealm.ALICE, carol.email()), "/invite-only/manage/");
        assertTrue(link.endsWith("#/password-resets/" + carolId), link);
        Person sam = resets.newPerson();
        String samId = resets.askAndAwait(sam).get("id").asText();

        try (Browser alice = Browser.start("manage-approve")) {
            alice.open(link);
            alice.signIn(DemoRealm.ALICE, DemoRealm.ALICE_PASSWORD);
            alice.waitForText("Request of " + carol.email());
            alice.waitForText("Requests in 30 days");
            alice.see("request-from-email");
            Axe.assertClean(alice, "a pending request");
            alice.find(By.cssSelector("[data-action=approve]")).click();
            String dialog = alice.find(By.cssSelector("[role=dialog] .pf-v5-c-modal-box__body")).getText();
            assertEquals(carol.email() + " will be emailed a link valid 20 minutes", dialog);
            alice.see("approve-confirmation");
            Axe.assertClean(alice, "the approval dialog");
            alice.find(By.cssSelector("[data-action=confirm]")).click();
            alice.waitForText("Approved");
            alice.see("approved");

            alice.open(page() + "#/password-resets");
            alice.waitForText(sam.email());
            alice.see("queue");
            Axe.assertClean(alice, "the queue");
            alice.find(By.linkText(sam.email())).click();
            alice.waitForText("Request of " + sam.email());
            alice.type("reason", "Please call the help desk first.");
            alice.find(By.cssSelector("[data-action=reject]")).click();
            assertEquals(sam.email() + " will be emailed that the request was rejected, with the reason: Please call the help desk first.",
                    alice.find(By.cssSelector("[role=dialog] .pf-v5-c-modal-box__body")).getText());
            alice.find(By.cssSelector("[data-action=confirm]")).click();
            alice.waitForText("Rejected");
            alice.see("rejected");
        }

        String token = Mailbox.tokenOf(Mailbox.link(Mailbox.waitFor(mail, carol.email(), 1), "/password-resets/complete?token="));
        assertEquals(204, resets.complete(token, PasswordResets.NEW_PASSWORD).status(), "carol's link works");
        assertEquals(200, DemoRealm.passwordGrant(demo, carol.email(), PasswordResets.NEW_PASSWORD).status());
        assertTrue(Mailbox.text(Mailbox.waitFor(mail, sam.email(), 1)).contains("Please call the help desk first."));
        assertEquals("REJECTED", Http.get(resets.url() + "/" + samId, resets.adminToken()).json().get("status").asText());
    }

    @Test
    void aliceResendsALinkWhoseMailFailedAndNobodyDecidesTheirOwnRequest() {
        String alice = resets.adminToken();
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();
        try (MailServerDown down = new MailServerDown(demo)) {
            assertEquals("FAILED", resets.approve(id, alice).json().get("emailDelivery").asText());
        }
        try (Browser browser = Browser.start("manage-resend")) {
            browser.open(page() + "#/password-resets/" + id);
            browser.signIn(DemoRealm.ALICE, DemoRealm.ALICE_PASSWORD);
            browser.waitForText("Email could not be sent");
            browser.see("failed-mail");
            browser.find(By.cssSelector("[data-action=resend]")).click();
            assertEquals(person.email() + " will be emailed a new link valid 20 minutes; the earlier link stops working",
                    browser.find(By.cssSelector("[role=dialog] .pf-v5-c-modal-box__body")).getText());
            browser.find(By.cssSelector("[data-action=confirm]")).click();
            browser.waitForText("Link sent again");
            browser.see("resent");
            Axe.assertClean(browser, "an approved request");
        }
        String token = Mailbox.tokenOf(Mailbox.link(Mailbox.waitFor(mail, person.email(), 1), "/password-resets/complete?token="));
        assertEquals(204, resets.complete(token, PasswordResets.NEW_PASSWORD).status(), "the re-sent link works");

        Person helpDesk = resets.newPerson("approve-password-resets");
        String ownId = resets.askAndAwait(helpDesk).get("id").asText();
        try (Browser browser = Browser.start("manage-own-request")) {
            browser.open(page() + "#/password-resets/" + ownId);
            browser.signIn(helpDesk.email(), PasswordResets.OLD_PASSWORD);
            browser.waitForText("This is your own request");
            browser.waitForText("Nobody may decide their own password-reset request");
            assertEquals(0, browser.findAll(By.cssSelector("[data-action=approve], [data-action=reject]")).size());
            browser.see("own-request");
            Axe.assertClean(browser, "one's own request");
        }
        assertEquals("PENDING", Http.get(resets.url() + "/" + ownId, alice).json().get("status").asText());
    }

    @Test
    void inGermanAtPhoneWidthAliceApprovesByKeyboardAlone() {
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();
        try (Browser browser = Browser.start("manage-german-keyboard", "de-DE", 390)) {
            browser.open(page() + "#/password-resets/" + id);
            browser.field("username").sendKeys(DemoRealm.ALICE, Keys.TAB);
            browser.field("password").sendKeys(DemoRealm.ALICE_PASSWORD, Keys.ENTER);
            browser.waitForText("Anfrage von " + person.email());
            browser.waitForText("Anfragen in 30 Tagen");
            assertEquals(Boolean.TRUE, browser.executeScript(
                    "return document.documentElement.scrollWidth <= window.innerWidth + 1"), "nothing wider than the phone");
            browser.see("german-phone");
            Axe.assertClean(browser, "a request, in German at phone width");
            for (int i = 0; i < 60 && !"approve".equals(focused(browser)); i++) {
                browser.press(Keys.TAB);
            }
            assertEquals("approve", focused(browser), "the approve button is reachable by Tab");
            browser.press(Keys.ENTER);
            assertEquals(person.email() + " erhält per E-Mail einen Link, der 20 Minuten gültig ist",
                    browser.find(By.cssSelector("[role=dialog] .pf-v5-c-modal-box__body")).getText());
            assertEquals("confirm", focused(browser), "the dialog takes the focus");
            browser.see("german-confirmation");
            browser.press(Keys.ENTER);
            browser.waitForText("Genehmigt");
            browser.see("german-approved");
        }
        JsonNode approved = Http.get(resets.url() + "/" + id, resets.adminToken()).json();
        assertEquals("APPROVED", approved.get("status").asText());
        assertEquals(20 * 60 * 1000, approved.get("expiresAt").asLong() - approved.get("decidedAt").asLong());
    }

    @Test
    void aliceSeesTheRisksOfARequestAndCannotApproveItOnceTheAddressWasSwapped() {
        Person person = resets.newPerson();
        String asked = "moved-" + person.email();
        changeEmail(person, asked);
        assertEquals(202, resets.ask(asked, PasswordResets.newIp()).status());
        String id = resets.awaitRequestOf(person, "PENDING").get("id").asText();
        String approverMail = Mailbox.text(messageTo(DemoRealm.ALICE, asked));
        assertTrue(approverMail.contains("PRIVILEGED ACCOUNT (recent_email_change)"), approverMail);
        assertTrue(approverMail.contains("ITS EMAIL ADDRESS CHANGED"), approverMail);
        assertTrue(approverMail.contains("NEVER SIGNED IN"), approverMail);

        try (Browser alice = Browser.start("manage-signals")) {
            alice.open(page() + "#/password-resets/" + id);
            alice.signIn(DemoRealm.ALICE, DemoRealm.ALICE_PASSWORD);
            alice.waitForText("Before you decide");
            for (String signal : new String[] {"privileged", "email-changed", "ip-never-seen"}) {
                assertEquals(1, alice.findAll(By.cssSelector("[data-signal=" + signal + "]")).size(), signal + " is flagged");
            }
            alice.waitForText("recent change of address");
            alice.see("signals");
            Axe.assertClean(alice, "a request's signals");

            changeEmail(person, "swapped-" + person.email()); // someone swaps the address under the request
            alice.open(page() + "#/password-resets");
            alice.find(By.linkText(asked)).click();
            alice.waitForText("The account's address is no longer " + asked);
            alice.see("address-swapped");
            alice.find(By.cssSelector("[data-action=approve]")).click();
            alice.find(By.cssSelector("[data-action=confirm]")).click();
            alice.waitForText("That did not work");
            alice.waitForText("nothing was sent");
            alice.seeRefusedCall("approval-refused", "/password-resets/" + id + "/approve");
        }
        assertEquals("PENDING", Http.get(resets.url() + "/" + id, resets.adminToken()).json().get("status").asText());
    }

    private void changeEmail(Person person, String email) {
        UserRepresentation user = demo.admin().users().get(person.id()).toRepresentation();
        user.setEmail(email);
        user.setUsername(email);
        demo.admin().users().get(person.id()).update(user);
    }

    @Test
    void hanaApprovesAPrivilegedRequestAsOneOfTwoAndHugoSendsTheLink() {
        Person admin = resets.newPerson("view-users");
        String id = resets.askAndAwait(admin).get("id").asText();

        try (Browser hana = Browser.start("manage-first-of-two")) {
            hana.open(page() + "#/password-resets/" + id);
            hana.signIn(DemoRealm.HANA, DemoRealm.HANA_PASSWORD);
            hana.waitForText("Request of " + admin.email());
            hana.waitForText("0 of 2");
            hana.see("privileged-request");
            hana.find(By.cssSelector("[data-action=approve]")).click();
            assertEquals("Your approval counts as 1 of 2; " + admin.email()
                            + " is emailed a link valid 20 minutes only after a second approver approves",
                    hana.find(By.cssSelector("[role=dialog] .pf-v5-c-modal-box__body")).getText());
            hana.see("first-of-two-confirmation");
            hana.find(By.cssSelector("[data-action=confirm]")).click();
            hana.waitForText("Approval 1 of 2 recorded; a second approver must approve before the link is sent");
            hana.waitForText("1 of 2: " + DemoRealm.HANA);
            hana.waitForText("You have approved this request");
            assertEquals(0, hana.findAll(By.cssSelector("[data-action=approve]")).size(), "hana cannot approve twice");
            assertFalse(hana.text().lines().anyMatch("null"::equals), hana.text());
            hana.see("one-of-two-hana");
            Axe.assertClean(hana, "a privileged request with one approval");
        }
        assertEquals(0, Mailbox.to(mail, admin.email()).size(), "no link after the first approval");

        try (Browser hugo = Browser.start("manage-second-of-two")) {
            hugo.open(page() + "#/password-resets");
            hugo.signIn(DemoRealm.HUGO, DemoRealm.HUGO_PASSWORD);
            hugo.waitForText("1 of 2: " + DemoRealm.HANA);
            hugo.see("queue-shows-one-of-two");
            hugo.open(page() + "#/password-resets/" + id);
            hugo.waitForText("1 of 2: " + DemoRealm.HANA);
            hugo.find(By.cssSelector("[data-action=approve]")).click();
            assertEquals(admin.email() + " will be emailed a link valid 20 minutes",
                    hugo.find(By.cssSelector("[role=dialog] .pf-v5-c-modal-box__body")).getText());
            hugo.find(By.cssSelector("[data-action=confirm]")).click();
            hugo.waitForText("Approved");
            hugo.waitForText("2 of 2: " + DemoRealm.HANA + ", " + DemoRealm.HUGO);
            hugo.see("approved-by-two");
        }
        String link = Mailbox.link(Mailbox.waitFor(mail, admin.email(), 1), "/password-resets/complete?token=");
        assertEquals(204, resets.complete(Mailbox.tokenOf(link), PasswordResets.NEW_PASSWORD).status(), "the link works");
    }

    @Test
    void theQueueShowsHowManyAsksTheLimitsDroppedInTheLastHour() {
        demo.updateWithCleanup(r -> r.attribute("inviteOnly.passwordReset.maxRequestsPerAddress", "1")
                .attribute("inviteOnly.passwordReset.throttleWindowSeconds", String.valueOf(365L * 24 * 3600)));
        String alice = resets.adminToken();
        long before = Http.get(resets.url() + "/count/dropped", alice).json().get("perAddress").asLong();
        Person person = resets.newPerson();
        resets.askAndAwait(person);
        assertEquals(202, resets.ask(person.email()).status());
        JsonNode dropped = Eventually.until("the second ask dropped and counted", () -> Http.get(resets.url() + "/count/dropped", alice).json(),
                counts -> counts.get("perAddress").asLong() > before);

        try (Browser browser = Browser.start("manage-dropped-asks")) {
            browser.open(page());
            browser.signIn(DemoRealm.ALICE, DemoRealm.ALICE_PASSWORD);
            browser.waitForText("Dropped in the last hour");
            assertEquals("Dropped in the last hour, answered but not recorded: " + dropped.get("perAddress").asLong()
                            + " by the limit per address, " + dropped.get("perIp").asLong() + " by the limit per IP.",
                    browser.find(By.cssSelector("[data-dropped=last-hour]")).getText());
            browser.see("dropped-asks");
            Axe.assertClean(browser, "the queue with dropped asks");
            browser.find(By.linkText(person.email())).click();
            browser.waitForText("Request of " + person.email());
            browser.see("the-request-that-was-recorded");
        }
    }

    private static String focused(Browser browser) {
        return String.valueOf(browser.executeScript("return document.activeElement && document.activeElement.dataset.action"));
    }

    private MimeMessage messageTo(String address, String mentioning) {
        return Eventually.until("a message to " + address + " mentioning " + mentioning,
                () -> Mailbox.to(mail, address).stream().filter(m -> Mailbox.text(m).contains(mentioning)).findFirst(),
                Optional::isPresent).orElseThrow();
    }
}
