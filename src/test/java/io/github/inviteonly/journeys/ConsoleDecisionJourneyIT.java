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

/**
 * An approver decides in Keycloak's own admin console, by clicks: the queue group shows what its actions
 * do, "Credential reset" approves (and the user gets our approval email, not Keycloak's generic one),
 * leaving the group rejects (and the user gets the rejection email).
 */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class ConsoleDecisionJourneyIT extends PasswordResetFixture {

    private static final String QUEUE = "Password reset requests";

    @Test
    void credentialResetInTheConsoleApprovesAndTheUserSetsAPasswordThroughOurEmail() {
        Person person = resets.newPerson();
        String oldRefreshToken = resets.refreshTokenBeforeReset(person);
        String id = resets.askAndAwait(person).get("id").asText();

        try (Browser approver = Browser.start("console-approve")) {
            openQueuedUser(approver, person);
            approver.find(By.cssSelector("[data-testid=credentials]")).click();
            approver.find(By.cssSelector("[data-testid=credentialResetBtn]")).click();
            approver.find(By.cssSelector("[data-testid=credential-reset-modal]"));
            approver.see("credential-reset-dialog");
            approver.find(By.cssSelector("[data-testid=credential-reset-modal] input[placeholder='Select action']")).click();
            approver.find(By.xpath("//*[@role='option'][normalize-space()='Update Password']")).click();
            approver.find(By.xpath("//*[@role='dialog']//*[normalize-space()='Credentials Reset']")).click();
            approver.see("update-password-chosen");
            approver.find(By.xpath("//*[@role='dialog']//*[@data-testid='confirm']")).click();
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

    /** Alice signs in to the demo realm's admin console and opens the queue group, whose description says what to do. */
    private void openQueue(Browser approver) {
        approver.open(demo.getBaseUrl().replace("/realms/demo", "/admin/demo/console/") + "#/demo/groups");
        approver.signIn(DemoRealm.ALICE, DemoRealm.ALICE_PASSWORD);
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
