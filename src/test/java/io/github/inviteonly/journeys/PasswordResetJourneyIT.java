package io.github.inviteonly.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import io.github.inviteonly.support.Browser;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Eventually;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.Mailbox;
import io.github.inviteonly.support.PasswordResetFixture;
import io.github.inviteonly.support.PasswordResets;
import io.github.inviteonly.support.PasswordResets.Person;
import io.github.inviteonly.support.Totp;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * A password reset as the person who asks sees it, in a real browser: "Forgot Password?" on the login
 * page, then the link in the approval email, then signing in with the new password.
 */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class PasswordResetJourneyIT extends PasswordResetFixture {

    private static final String SENT = "Your request has been sent to an administrator";

    @Test
    void forgotPasswordOnTheLoginPageAnswersTheSameForAKnownAndAnUnknownAddress() {
        Person person = resets.newPerson();
        String forKnown;
        String forUnknown;
        try (Browser browser = Browser.start("reset-forgot-password")) {
            forKnown = forgotPassword(browser, person.email(), "known");
            forUnknown = forgotPassword(browser, "nobody-" + person.email(), "unknown");
        }
        assertTrue(forKnown.contains(SENT), forKnown);
        assertEquals(forKnown, forUnknown, "the page tells nothing about whether the account exists");
        assertEquals(DemoRealm.CLIENT, resets.awaitRequestOf(person, "PENDING").get("clientId").asText());
        assertTrue(Mailbox.to(mail, person.email()).isEmpty(), "no reset link is mailed before approval");
    }

    @Test
    void theApprovalLinkSetsANewPasswordOnceThenLeadsToSignIn() {
        Person person = resets.newPerson();
        String oldRefreshToken = resets.refreshTokenBeforeReset(person);
        String id = resets.askAndAwait(person).get("id").asText();
        assertEquals(200, resets.approve(id, resets.adminToken()).status());
        String approval = Mailbox.text(Mailbox.waitFor(mail, person.email(), 1));
        assertTrue(approval.contains("approved your request"), approval);
        String link = Mailbox.link(Mailbox.waitFor(mail, person.email(), 1), "/password-resets/complete?token=");

        try (Browser user = Browser.start("reset-approved-link"); Browser otherTab = Browser.start("reset-approved-link-second-tab")) {
            otherTab.open(link);
            otherTab.waitForText("Update password");
            otherTab.see("form-opened-early");
            // This person reads German: the page's language menu keeps the link working.
            new Select(otherTab.find(By.id("login-select-toggle"))).selectByContainsVisibleText("Deutsch");
            otherTab.waitForText("Passwort aktualisieren");
            otherTab.see("form-in-german");

            user.open(link);
            user.waitForText("Update password");
            user.see("new-password-form");
            setPassword(user, "weak");
            user.waitForText("Invalid password");
            user.see("weak-password-refused");
            setPassword(user, PasswordResets.NEW_PASSWORD);
            user.waitForText("Password changed");
            user.see("password-changed");

            user.find(By.linkText("« Back to Application")).click();
            user.signIn(person.email(), PasswordResets.NEW_PASSWORD);
            user.waitForText("Personal info");
            user.see("signed-in-with-new-password");

            user.open(link);
            user.waitForText("works only once");
            user.seeRefusal("same-link-again");

            setPassword(otherTab, "Other-Passw0rd!3");
            otherTab.waitForText("funktioniert nur einmal");
            otherTab.seeRefusal("form-from-before-refused");
        }
        assertEquals("COMPLETED", Http.get(resets.url() + "/" + id, resets.adminToken()).json().get("status").asText());
        resets.assertOnlyTheNewPasswordWorks(person, oldRefreshToken, "Other-Passw0rd!3");
        assertTrue(Mailbox.text(Mailbox.waitFor(mail, person.email(), 2)).contains("was reset"));
    }

    @Test
    void theOwnerCancelsARequestTheyDidNotMakeWithTheButtonOfTheNoticesLink() {
        Person person = resets.newPerson();
        String id;
        try (Browser attacker = Browser.start("reset-cancel-asked")) {
            forgotPassword(attacker, person.email(), "someone-else");
            id = resets.awaitRequestOf(person, "PENDING").get("id").asText();
        }

        // The notice's words: when, from where, which browser, that an administrator decides, and the cancel link.
        MimeMessage notice = Mailbox.waitForRequestNotice(mail, person.email(), 1);
        String words = Mailbox.text(notice);
        assertTrue(words.contains("someone asked to reset the password of your account"), words);
        assertTrue(words.contains("(UTC), from the IP address"), words);
        assertTrue(words.contains("Chrome/"), "the browser that asked (Chromium's User-Agent): " + words);
        assertTrue(words.contains("An administrator will review the request"), words);
        assertTrue(words.contains("This wasn't me: cancel it"), words);
        String link = Mailbox.link(notice, "/password-resets/cancel?token=");

        try (Browser owner = Browser.start("reset-cancel-owner")) {
            owner.open(link);
            owner.waitForText("If it was not you, cancel the request");
            owner.see("cancel-page-with-button");
            assertEquals("PENDING", Http.get(resets.url() + "/" + id, resets.adminToken()).json().get("status").asText(),
                    "opening the link cancels nothing");

            owner.find(By.id("invite-only-cancel")).click();
            owner.waitForText("The request is cancelled");
            owner.see("request-cancelled");

            owner.open(link);
            owner.waitForText("This request has already been cancelled");
            owner.see("cancel-link-clicked-again");
            assertTrue(owner.findAll(By.id("invite-only-cancel")).isEmpty(), "no button the second time");
        }
        assertEquals("CANCELLED", Http.get(resets.url() + "/" + id, resets.adminToken()).json().get("status").asText());
        assertTrue(Mailbox.text(Mailbox.waitFor(mail, person.email(), 1)).contains("was cancelled"), "the owner is told");
        String toApprovers = Eventually.until("the approvers' notice of the cancel",
                () -> Mailbox.to(mail, DemoRealm.ALICE).stream().map(Mailbox::text)
                        .filter(text -> text.contains(id) && text.contains("cancelled the password-reset request")).findFirst(),
                Optional::isPresent).orElseThrow();
        assertTrue(toApprovers.contains("can no longer be approved"), toApprovers);
    }

    @Test
    void afterAResetTheSignInStillAsksForTheAuthenticatorCode() {
        String secret = Totp.newSecret();
        Person person = resets.newPersonWithTotp(secret);
        String id = resets.askAndAwait(person).get("id").asText();
        assertEquals(200, resets.approve(id, resets.adminToken()).status());
        String link = Mailbox.link(Mailbox.waitFor(mail, person.email(), 1), "/password-resets/complete?token=");

        try (Browser user = Browser.start("reset-keeps-second-factor")) {
            user.open(link);
            user.waitForText("Update password");
            user.see("new-password-form");
            setPassword(user, PasswordResets.NEW_PASSWORD);
            user.waitForText("Password changed");
            user.see("password-changed-not-signed-in");
            assertTrue(user.cookieNames().stream().noneMatch(name -> name.startsWith("KEYCLOAK_IDENTITY")
                    || name.startsWith("KEYCLOAK_SESSION")), "no Keycloak session after the reset: " + user.cookieNames());

            user.open(demo.getBaseUrl() + "/account/");
            user.signIn(person.email(), PasswordResets.NEW_PASSWORD);
            user.find(By.id("otp"));
            assertFalse(user.text().contains("Personal info"), "the new password alone does not sign in");
            user.see("asks-for-the-authenticator-code");
            user.type("otp", Totp.code(secret, 0));
            user.find(By.id("kc-login")).click();
            user.waitForText("Personal info");
            user.see("signed-in-with-the-code");
        }
        assertTrue(demo.admin().users().get(person.id()).credentials().stream().anyMatch(c -> "otp".equals(c.getType())),
                "the OTP credential is still there");
    }

    /** Login page → "Forgot Password?" → address → submit; returns what the page then says. */
    private String forgotPassword(Browser browser, String login, String label) {
        browser.open(DemoRealm.loginPageUrl(demo));
        browser.find(By.partialLinkText("Forgot")).click();
        browser.waitForText("Ask for a new password");
        browser.see("forgot-password-" + label);
        browser.type("username", login);
        browser.submit();
        browser.waitForText(SENT);
        browser.see("request-sent-" + label);
        return browser.text();
    }

    private static void setPassword(Browser browser, String password) {
        browser.type("password-new", password);
        browser.type("password-confirm", password);
        browser.submit();
    }
}
