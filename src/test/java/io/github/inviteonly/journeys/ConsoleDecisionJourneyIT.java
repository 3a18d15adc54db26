package io.github.inviteonly.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.support.Browser;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.Mailbox;
import io.github.inviteonly.support.PasswordResetFixture;
import io.github.inviteonly.support.PasswordResets;
import io.github.inviteonly.support.PasswordResets.Person;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * An approver decides in Keycloak's own admin console, by clicks: the queue group shows what its actions
 * do, "Credential reset" approves (and the user gets our approval email, not Keycloak's generic one),
 * leaving the group rejects (and the user gets the rejection email). The API's rules hold there too: the
 * dialog shows why a Credential reset on one's own request, or with a link beyond the realm's bounds, is
 * refused, and so does the alert for leaving the queue on one's own request; a Verify Email mail is no decision.
 * On a privileged account's request, Credential reset is the first of two approvals: the dialog says it was
 * recorded and that nothing was emailed yet.
 */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class ConsoleDecisionJourneyIT extends PasswordResetFixture {

    private static final String QUEUE = "Password reset requests";
    private static final By CONFIRM = By.xpath("//*[@role='dialog']//*[@data-testid='confirm']");

    @Test
    void credentialResetInTheConsoleApprovesAndTheUserSetsAPasswordThroughOurEmail() {
        Person person = resets.newPerson();
        String oldRefreshToken = resets.refreshTokenBeforeReset(person);
        String id = resets.askAndAwait(person).get("id").asText();

        try (Browser approver = Browser.start("console-approve")) {
            openQueuedUser(approver, person);
            chooseInCredentialReset(approver, "Update Password");
            approver.see("update-password-chosen");
            approver.find(CONFIRM).click();
            approver.waitForText("Email sent to user.");
            approver.see("email-sent");
        }

        String approval = Mailbox.text(Mailbox.waitFor(mail, person.email(), 1));
        assertTrue(approval.contains("approved your request"), approval);
        assertFalse(approval.contains("If you are unaware that your administrator has requested this"), approval);
        assertEquals(1, Mailbox.to(mail, person.email()).size(), "one email: ours, not Keycloak's as well");
        JsonNode approved = Http.get(resets.url() + "/" + id, resets.adminToken()).json();
        assertEquals("APPROVED", approved.get("status").asText());
        assertEquals("CONSOLE", approved.get("decidedVia").asText());
        assertEquals(20 * 60 * 1000, approved.get("expiresAt").asLong() - approved.get("decidedAt").asLong(),
                "\"Expires In\" left blank: the realm's link lifetime (20 minutes), not Keycloak's 12 hours");

        String link = Mailbox.link(Mailbox.waitFor(mail, person.email(), 1), "/password-resets/complete?token=");
        try (Browser user = Browser.start("console-approve-user")) {
            user.open(link);
            user.waitForText("Update password");
            user.type("password-new", PasswordResets.NEW_PASSWORD);
            user.type("password-confirm", PasswordResets.NEW_PASSWORD);
            user.submit();
            user.waitForText("Password changed");
            user.see("password-changed");
            user.find(By.linkText("« Back to Application")).click();
            user.signIn(person.email(), PasswordResets.NEW_PASSWORD);
            user.waitForText("Personal info");
            user.see("signed-in");
            user.open(link);
            user.waitForText("works only once");
            user.seeRefusal("same-link-again");
        }
        assertEquals("COMPLETED", Http.get(resets.url() + "/" + id, resets.adminToken()).json().get("status").asText());
        resets.assertOnlyTheNewPasswordWorks(person, oldRefreshToken);
    }

    @Test
    void credentialResetAsTheFirstOfTwoApprovalsSaysInTheDialogThatNoEmailWasSent() {
        Person privileged = resets.newPerson("view-users");
        String id = resets.askAndAwait(privileged).get("id").asText();

        try (Browser approver = Browser.start("console-first-of-two")) {
            openQueuedUser(approver, privileged);
            chooseInCredentialReset(approver, "Update Password");
            approver.see("update-password-chosen");
            approver.find(CONFIRM).click();
            assertAlert(approver, "Recorded approval 1 of 2; a second approver must approve before the email is sent");
            assertTrue(approver.findAll(By.xpath("//*[contains(@class,'c-alert')][contains(., 'Email sent')]")).isEmpty(),
                    "the dialog does not claim an email was sent");
            approver.seeRefusedCall("first-of-two-recorded", "/execute-actions-email");
        }

        assertEquals(0, Mailbox.to(mail, privileged.email()).size(), "nothing sent: neither Keycloak's email nor ours");
        JsonNode record = Http.get(resets.url() + "/" + id, resets.adminToken()).json();
        assertEquals("PENDING", record.get("status").asText(), record.toString());
        assertEquals(DemoRealm.ALICE, record.get("approvals").get(0).get("approvedBy").get("username").asText());
        assertEquals("CONSOLE", record.get("approvals").get(0).get("via").asText());

        JsonNode approved = resets.approve(id, DemoRealm.accessToken(demo, DemoRealm.HANA, DemoRealm.HANA_PASSWORD)).json();
        assertEquals("APPROVED", approved.get("status").asText(), approved.toString());
        assertTrue(Mailbox.text(Mailbox.waitFor(mail, privileged.email(), 1)).contains("approved your request"));
    }

    @Test
    void verifyEmailSentFromTheConsoleIsNoDecisionAndTheRequestStaysPending() {
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();

        try (Browser approver = Browser.start("console-verify-email")) {
            openQueuedUser(approver, person);
            chooseInCredentialReset(approver, "Verify Email");
            approver.see("verify-email-chosen");
            approver.find(CONFIRM).click();
            approver.waitForText("Email sent to user.");
            approver.see("email-sent");
        }

        String email = Mailbox.text(Mailbox.waitFor(mail, person.email(), 1));
        assertFalse(email.contains("approved your request"), email);
        Mailbox.link(Mailbox.waitFor(mail, person.email(), 1), "/login-actions/action-token");
        JsonNode record = Http.get(resets.url() + "/" + id, resets.adminToken()).json();
        assertEquals("PENDING", record.get("status").asText(), record.toString());
        assertTrue(demo.admin().users().get(person.id()).groups().stream().anyMatch(g -> g.getName().equals(QUEUE)), "still queued");
    }

    @Test
    void credentialResetOnOnesOwnRequestIsRefusedInTheConsoleWithTheReason() {
        Person admin = resets.newPerson("manage-users", "view-users", "query-users", "query-groups");
        String id = resets.askAndAwait(admin).get("id").asText();

        try (Browser self = Browser.start("console-self-approval")) {
            self.open(demo.getBaseUrl().replace("/realms/demo", "/admin/demo/console/") + "#/demo/users/" + admin.id() + "/settings");
            self.signIn(admin.username(), PasswordResets.OLD_PASSWORD);
            self.waitForText(admin.email());
            self.see("own-account");
            chooseInCredentialReset(self, "Update Password");
            self.see("update-password-chosen");
            self.find(CONFIRM).click();
            assertAlert(self, "Nobody may decide their own password-reset request");
            self.seeRefusedCall("refused-with-the-reason", "/execute-actions-email");
        }

        assertEquals(0, Mailbox.to(mail, admin.email()).size(), "nothing sent");
        JsonNode record = Http.get(resets.url() + "/" + id, resets.adminToken()).json();
        assertEquals("PENDING", record.get("status").asText(), record.toString());
        assertEquals("Nobody may decide their own password-reset request", record.get("lastRefusal").get("reason").asText());
    }

    @Test
    void anExpiryBeyondTheRealmsBoundsChosenInTheConsoleIsRefusedWithTheBounds() {
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();

        try (Browser approver = Browser.start("console-long-link")) {
            openQueuedUser(approver, person);
            chooseInCredentialReset(approver, "Update Password");
            WebElement time = approver.find(By.cssSelector("[data-testid=credential-reset-modal] input[aria-label='kc-time']"));
            time.sendKeys(Keys.chord(Keys.CONTROL, "a"), "2");
            time.findElement(By.xpath("./ancestor::*[contains(@class,'-l-split') and not(contains(@class,'__item'))][1]//button")).click();
            approver.find(By.xpath("//*[@role='option'][starts-with(normalize-space(),'Day')]")).click();
            approver.see("two-days-chosen");
            approver.find(CONFIRM).click();
            assertAlert(approver, "must be between 300 and 86400 seconds");
            approver.seeRefusedCall("refused-with-the-bounds", "/execute-actions-email");
        }

        assertEquals(0, Mailbox.to(mail, person.email()).size(), "nothing sent");
        JsonNode record = Http.get(resets.url() + "/" + id, resets.adminToken()).json();
        assertEquals("PENDING", record.get("status").asText(), record.toString());
        assertEquals("must be between 300 and 86400 seconds", record.get("lastRefusal").get("reason").asText());
    }

    @Test
    void leavingTheQueueGroupInTheConsoleRejectsAndEmailsTheUser() {
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();

        try (Browser approver = Browser.start("console-reject")) {
            openQueue(approver);
            approver.find(By.cssSelector("[data-testid=members]")).click();
            By row = By.xpath("//tr[.//*[normalize-space()='" + person.username() + "']]");
            approver.find(row).findElement(By.xpath(".//button[contains(@aria-label,'Kebab')]")).click();
            approver.see("leave-offered");
            approver.find(By.xpath("//*[@role='menuitem'][normalize-space()='Leave']")).click();
            approver.waitUntilGone(row);
            approver.see("left-the-queue");
        }

        assertEquals("REJECTED", Http.get(resets.url() + "/" + id, resets.adminToken()).json().get("status").asText());
        String rejection = Mailbox.text(Mailbox.waitFor(mail, person.email(), 1));
        assertTrue(rejection.contains("did not approve"), rejection);
    }

    @Test
    void leavingTheQueueOnOnesOwnRequestIsRefusedInTheConsoleWithTheReason() {
        Person admin = resets.newPerson("manage-users", "view-users", "query-users", "query-groups");
        String id = resets.askAndAwait(admin).get("id").asText();

        try (Browser self = Browser.start("console-self-rejection")) {
            openQueue(self, admin.username(), PasswordResets.OLD_PASSWORD);
            self.find(By.cssSelector("[data-testid=members]")).click();
            By row = By.xpath("//tr[.//*[normalize-space()='" + admin.username() + "']]");
            self.find(row).findElement(By.xpath(".//button[contains(@aria-label,'Kebab')]")).click();
            self.find(By.xpath("//*[@role='menuitem'][normalize-space()='Leave']")).click();
            assertAlert(self, "Nobody may decide their own password-reset request");
            self.seeRefusedCall("refused-with-the-reason", "/groups/");
        }

        assertEquals(0, Mailbox.to(mail, admin.email()).size(), "nothing sent");
        JsonNode record = Http.get(resets.url() + "/" + id, resets.adminToken()).json();
        assertEquals("PENDING", record.get("status").asText(), record.toString());
        assertEquals("Nobody may decide their own password-reset request", record.get("lastRefusal").get("reason").asText());
        assertTrue(demo.admin().users().get(admin.id()).groups().stream().anyMatch(g -> g.getName().equals(QUEUE)), "still queued");
    }

    /** The console's alert (its toast, which the page's text does not always include) shows {@code words}. */
    private static void assertAlert(Browser browser, String words) {
        WebElement alert = browser.find(By.xpath("//*[contains(@class,'c-alert')][contains(., '" + words + "')]"));
        assertTrue(alert.isDisplayed(), "the alert is shown: " + alert.getAttribute("textContent"));
    }

    /** Opens Credentials → Credential reset and picks one required action. */
    private static void chooseInCredentialReset(Browser browser, String action) {
        browser.find(By.cssSelector("[data-testid=credentials]")).click();
        browser.find(By.cssSelector("[data-testid=credentialResetBtn]")).click();
        browser.find(By.cssSelector("[data-testid=credential-reset-modal]"));
        browser.see("credential-reset-dialog");
        browser.find(By.cssSelector("[data-testid=credential-reset-modal] input[placeholder='Select action']")).click();
        browser.find(By.xpath("//*[@role='option'][normalize-space()='" + action + "']")).click();
        browser.find(By.xpath("//*[@role='dialog']//*[normalize-space()='Credentials Reset']")).click();
    }

    /** Alice signs in to the demo realm's admin console and opens the queue group, whose description says what to do. */
    private void openQueue(Browser approver) {
        openQueue(approver, DemoRealm.ALICE, DemoRealm.ALICE_PASSWORD);
    }

    private void openQueue(Browser approver, String username, String password) {
        approver.open(demo.getBaseUrl().replace("/realms/demo", "/admin/demo/console/") + "#/demo/groups");
        approver.signIn(username, password);
        approver.find(By.linkText(QUEUE)).click();
        approver.waitForText("Credential reset");
        approver.see("queue-group");
    }

    private void openQueuedUser(Browser approver, Person person) {
        openQueue(approver);
        approver.find(By.cssSelector("[data-testid=members]")).click();
        approver.find(By.linkText(person.username())).click();
        approver.waitForText(person.email());
        approver.see("queued-user");
    }
}
