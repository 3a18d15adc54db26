package io.github.inviteonly.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.Mailbox;
import io.github.inviteonly.support.PasswordResets;
import io.github.inviteonly.support.PasswordResets.Person;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/** The reset as a person does it in the browser: "Forgot password?", then the link in the approval email. */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class PasswordResetBrowserIT {

    private static final String SENT = "Your request has been sent to an administrator";

    @InjectRealm(fromJson = DemoRealm.JSON, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm demo;

    @InjectMailServer
    MailServer mail;

    @InjectWebDriver
    ManagedWebDriver browser;

    private PasswordResets resets;

    @BeforeEach
    void workflow() {
        resets = new PasswordResets(demo);
    }

    @Test
    void forgotPasswordOnTheLoginPageSendsTheRequestToAnAdministratorForAnyAddress() {
        Person person = resets.newPerson();

        String forKnown = forgotPassword(person.email());
        String forUnknown = forgotPassword("nobody-" + person.email());

        assertTrue(forKnown.contains(SENT), forKnown);
        assertTrue(forUnknown.contains(SENT), forUnknown);
        String recordedClient = resets.awaitRequestOf(person, "PENDING").get("clientId").asText();
        assertEquals(DemoRealm.CLIENT, recordedClient);
        assertTrue(Mailbox.to(mail, person.email()).isEmpty(), "no reset link is mailed before approval");
    }

    @Test
    void theApprovalLinkOpensKeycloaksPasswordPageWithThePolicyAndWorksOnce() {
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();
        assertEquals(200, resets.approve(id, resets.adminToken()).status());
        String link = Mailbox.link(Mailbox.waitFor(mail, person.email(), 1), "/password-resets/complete?token=");

        browser.open(link);
        browser.findElement(By.partialLinkText("Click here to proceed")).click();
        setPassword("weak");
        assertTrue(browser.page().getPageSource().contains("Invalid password"), browser.page().getPageSource());
        setPassword(PasswordResets.NEW_PASSWORD);

        assertTrue(browser.page().getPageSource().contains("Your account has been updated"), browser.page().getPageSource());
        assertEquals("COMPLETED", Http.get(resets.url() + "/" + id, resets.adminToken()).json().get("status").asText());
        assertEquals(200, DemoRealm.passwordGrant(demo, person.email(), PasswordResets.NEW_PASSWORD).status());
        assertTrue(Mailbox.text(Mailbox.waitFor(mail, person.email(), 2)).contains("was reset"));

        browser.open(link);
        assertTrue(browser.page().getPageSource().contains("not valid, has expired, or has already been used"),
                browser.page().getPageSource());
    }

    /** Login page → "Forgot Password?" → address → submit; returns the page that answers. */
    private String forgotPassword(String login) {
        browser.open(demo.getBaseUrl() + "/protocol/openid-connect/auth?client_id=" + DemoRealm.CLIENT
                + "&response_type=code&scope=openid&redirect_uri=http://localhost:3000/"
                + "&code_challenge_method=S256&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        browser.findElement(By.partialLinkText("Forgot")).click();
        browser.findElement(By.name("username")).sendKeys(login);
        browser.findElement(By.cssSelector("[type=submit]")).click();
        return browser.page().getPageSource();
    }

    private void setPassword(String password) {
        browser.findElement(By.name("password-new")).sendKeys(password);
        browser.findElement(By.name("password-confirm")).sendKeys(password);
        browser.findElement(By.cssSelector("[type=submit]")).click();
    }
}
