package io.github.inviteonly.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.support.Axe;
import io.github.inviteonly.support.Browser;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Eventually;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.Invitations;
import io.github.inviteonly.support.MailServerDown;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * Inviters on the manage page, in a real browser: dave creates an invitation with only the roles he may
 * grant, invites 50 people from a CSV with 3 bad rows, downloads the results, resends and revokes, finds an
 * invitation whose email could not be sent with the email-delivery filter; sam,
 * who may do neither, is told so and signs out. axe-core checks every view.
 */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class ManageInvitationsJourneyIT {

    @InjectRealm(fromJson = DemoRealm.JSON, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm demo;

    @InjectMailServer
    MailServer mail;

    private String page() {
        return DemoRealm.api(demo) + "/manage/";
    }

    @Test
    void daveInvitesOneThenFiftyFromACsvAndResendsAndRevokes() throws IOException {
        Invitations invitations = new Invitations(demo);
        String marker = "csv" + UUID.randomUUID().toString().substring(0, 8);
        String single = marker + "-single@example.org";
        try (Browser dave = Browser.start("manage-invitations")) {
            dave.open(page());
            dave.signIn(DemoRealm.DAVE, DemoRealm.DAVE_PASSWORD);
            dave.waitForText("New invitation");
            assertTrue(dave.findAll(By.linkText("Password resets")).isEmpty(), "dave cannot decide resets: not offered");
            dave.see("invitations");
            Axe.assertClean(dave, "the invitations list");

            dave.find(By.linkText("New invitation")).click();
            dave.find(By.id("role-director"));
            assertTrue(dave.findAll(By.id("role-admin")).isEmpty(), "admin is above dave's ceiling");
            assertTrue(dave.findAll(By.id("role-sales")).isEmpty(), "dave does not hold sales");
            dave.see("create-form");
            Axe.assertClean(dave, "the invitation form");
            dave.type("email", single);
            dave.type("firstName", "Ivy");
            dave.find(By.id("role-director")).click();
            dave.submit();
            dave.waitForText(single + " was invited");
            dave.see("invited");

            Path csv = Files.createTempFile(marker, ".csv");
            List<String> lines = new ArrayList<>(List.of("email,firstName,lastName,roles,groups"));
            for (int i = 0; i < 47; i++) {
                lines.add(marker + "-" + i + "@example.org,Person,\"Number " + i + "\",director,");
            }
            lines.add("not-an-address,Bad,Address,,");
            lines.add(marker + "-admin@example.org,Too,High,admin,");
            lines.add(DemoRealm.SAM + ",Sam,Exists,,");
            Files.write(csv, lines);
            dave.open(page() + "#/invitations/bulk");
            dave.find(By.name("file")).sendKeys(csv.toAbsolutePath().toString());
            dave.waitForText("48 rows can be sent, 2 cannot.");
            dave.waitForText("you may not grant the role admin");
            dave.see("csv-preview");
            Axe.assertClean(dave, "the CSV preview");
            dave.find(By.cssSelector("[data-action=create-all]")).click();
            dave.waitForText("47 invited, 3 not.");
            dave.see("csv-results");
            Axe.assertClean(dave, "the CSV results");
            Files.deleteIfExists(Path.of("target", "journeys", "manage-invitations", "downloads", "invitations-results.csv"));
            dave.find(By.cssSelector("[data-action=download]")).click();
            String results = Files.readString(dave.downloaded("invitations-results.csv"));
            List<String> rows = results.lines().toList();
            assertEquals(51, rows.size(), results);
            assertEquals(47, rows.stream().filter(row -> row.contains(",created,")).count(), results);
            assertTrue(rows.stream().anyMatch(row -> row.startsWith("51," + DemoRealm.SAM) && row.contains(",conflict,")), results);
            assertTrue(rows.stream().anyMatch(row -> row.contains("not-an-address") && row.contains(",not sent,")), results);

            dave.open(page() + "#/invitations?search=" + marker + "-0%40");
            dave.waitForText(marker + "-0@example.org");
            dave.find(By.cssSelector("[data-action=resend]")).click();
            dave.find(By.cssSelector("[data-action=confirm]")).click();
            dave.waitForText("sent again");
            dave.see("resent");
            dave.find(By.cssSelector("[data-action=revoke]")).click();
            assertTrue(dave.find(By.cssSelector("[role=dialog]")).getText().contains("will stop working"));
            dave.find(By.cssSelector("[data-action=confirm]")).click();
            dave.waitForText("revoked");
            dave.see("revoked");

            // An invitation whose email could not be sent, found with the email-delivery filter.
            String unsent = marker + "-unsent@example.org";
            try (MailServerDown down = new MailServerDown(demo)) {
                Http.Reply bulk = Http.postJson(invitations.url() + "/bulk", invitations.directorToken(),
                        Map.of("invitations", List.of(Map.of("email", unsent))));
                assertEquals(200, bulk.status(), bulk::toString);
                Eventually.until("the failed delivery recorded", () -> Http.get(invitations.url() + "?email=" + unsent,
                        invitations.directorToken()).json().path(0).path("emailDelivery").asText(), "FAILED"::equals);
            }
            String sent = marker + "-46@example.org"; // the newest of the CSV, on the first page
            dave.open(page() + "#/invitations?search=" + marker);
            dave.waitForText(sent);
            new Select(dave.find(By.name("emailDelivery"))).selectByVisibleText("Could not be sent");
            dave.waitUntilGone(By.xpath("//td[contains(., '" + sent + "')]"));
            dave.waitForText(unsent);
            assertTrue(dave.url().contains("emailDelivery=FAILED"), dave.url());
            assertEquals("FAILED", new Select(dave.find(By.name("emailDelivery"))).getFirstSelectedOption().getAttribute("value"));
            dave.see("email-not-sent-filter");
            Axe.assertClean(dave, "the invitations filtered by email delivery");
        }
        String director = invitations.directorToken();
        JsonNode counts = Http.get(invitations.url() + "/counts?search=" + marker, director).json();
        // 47 from the CSV, one revoked, the single one and the one whose email could not be sent.
        assertEquals(48, counts.get("PENDING").asLong(), counts::toString);
        assertEquals(1, counts.get("REVOKED").asLong(), counts::toString);
        JsonNode created = Http.get(invitations.url() + "?email=" + single, director).json().get(0);
        assertEquals(List.of("director"), List.of(created.get("roles").get(0).asText()));
        assertFalse(created.has("token"), "nothing secret");
    }

    @Test
    void samHasNoAccessAndSignsOut() {
        try (Browser sam = Browser.start("manage-no-access")) {
            sam.open(page());
            sam.signIn(DemoRealm.SAM, DemoRealm.SAM_PASSWORD);
            sam.waitForText("You have no access here");
            assertTrue(sam.findAll(By.linkText("Invitations")).isEmpty());
            sam.see("no-access");
            Axe.assertClean(sam, "no access");
            sam.find(By.cssSelector("[data-action=sign-out]")).click();
            sam.waitForText("Sign in to your account");
            sam.see("signed-out");
            sam.open(page());
            sam.waitForText("Sign in to your account");
        }
    }
}
