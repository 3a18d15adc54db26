package io.github.inviteonly.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.Mailbox;
import io.github.inviteonly.support.PasswordResetFixture;
import io.github.inviteonly.support.PasswordResets;
import io.github.inviteonly.support.PasswordResets.Person;
import org.junit.jupiter.api.Test;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

/** Completing an approved reset over REST, as a single-page app does. */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class PasswordResetCompletionIT extends PasswordResetFixture {

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    @Test
    void completingSetsThePasswordWithThePolicyRevokesSessionsAndWorksOnce() {
        Person person = resets.newPerson();
        String refreshToken = DemoRealm.passwordGrant(demo, person.email(), PasswordResets.OLD_PASSWORD)
                .json().get("refresh_token").asText();
        Http.Reply offline = Http.postForm(demo.getBaseUrl() + "/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", DemoRealm.CLIENT, "username", person.email(), "password", PasswordResets.OLD_PASSWORD,
                "scope", "openid offline_access"));
        assertEquals(200, offline.status(), offline.toString());
        assertEquals(0, offline.json().get("refresh_expires_in").asInt(), "an offline token (it never expires): " + offline);
        String offlineToken = offline.json().get("refresh_token").asText();
        String id = resets.askAndAwait(person).get("id").asText();
        String token = approveAndReadToken(person, id);

        Http.Reply weak = resets.complete(token, "short");
        assertEquals(400, weak.status(), weak.toString());
        assertEquals("newPassword", weak.json().get("field").asText());
        assertTrue(weak.json().get("error_description").asText().startsWith("Invalid password: "), "Keycloak's message: " + weak);
        Http.Reply noSpecial = resets.complete(token, "NoSpecialChars123");
        assertEquals(400, noSpecial.status(), "every rule of the policy applies: " + noSpecial);

        Http.Reply done = resets.complete(token, PasswordResets.NEW_PASSWORD);

        assertEquals(204, done.status(), done.toString());
        assertEquals(410, resets.complete(token, "Another-Passw0rd!").status(), "a token works once");
        // The new password first: once, in CI, Keycloak answered it user_temporarily_disabled right after the old
        // password's failure (cause not found); both are still checked.
        Http.Reply newPassword = DemoRealm.passwordGrant(demo, person.email(), PasswordResets.NEW_PASSWORD);
        assertEquals(200, newPassword.status(), newPassword.toString());
        Http.Reply oldPassword = DemoRealm.passwordGrant(demo, person.email(), PasswordResets.OLD_PASSWORD);
        assertEquals("invalid_grant", oldPassword.json().path("error").asText(), "the old password is gone: " + oldPassword);
        Http.Reply refreshed = Http.postForm(demo.getBaseUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "refresh_token", "client_id", DemoRealm.CLIENT, "refresh_token", refreshToken));
        assertEquals(400, refreshed.status(), "the refresh token from before the reset is dead: " + refreshed);
        Http.Reply offlineRefreshed = Http.postForm(demo.getBaseUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "refresh_token", "client_id", DemoRealm.CLIENT, "refresh_token", offlineToken));
        assertEquals(400, offlineRefreshed.status(), "so is the offline token: " + offlineRefreshed);

        JsonNode record = Http.get(resets.url() + "/" + id, resets.adminToken()).json();
        assertEquals("COMPLETED", record.get("status").asText());
        assertTrue(Mailbox.text(Mailbox.waitFor(mail, person.email(), 2)).contains("was reset"), "the user is told");
        List<EventRepresentation> events = demo.admin().getEvents(List.of("RESET_PASSWORD"), null, person.id(),
                null, null, null, 0, 5);
        assertEquals(id, events.get(0).getDetails().get(ResetRequests.RESET_ID_DETAIL));
    }

    @Test
    void theResetPageOffersNoSignOutChoiceAndSaysThatItSignsOutEverywhere() {
        Person person = resets.newPerson();
        String token = approveAndReadToken(person, resets.askAndAwait(person).get("id").asText());

        Http.Reply page = Http.get(resets.publicUrl() + "/complete?token=" + token, null);

        assertEquals(200, page.status(), page.toString());
        String html = page.raw().body();
        assertTrue(html.contains("name=\"password-new\"") && html.contains("name=\"password-confirm\""), html);
        assertFalse(html.contains("logout-sessions"), "no \"Sign out from other devices\": " + html);
        assertTrue(html.contains("Setting a new password signs you out on every device."), html);
    }

    @Test
    void completionLiftsABruteForceLockout() {
        Person person = resets.newPerson();
        for (int i = 0; i < 6; i++) {
            DemoRealm.passwordGrant(demo, person.email(), "Wrong-Passw0rd!" + i);
        }
        Map<String, Object> status = demo.admin().attackDetection().bruteForceUserStatus(person.id());
        assertEquals(Boolean.TRUE, status.get("disabled"), "locked out: " + status);
        String token = approveAndReadToken(person, resets.askAndAwait(person).get("id").asText());

        assertEquals(204, resets.complete(token, PasswordResets.NEW_PASSWORD).status());

        assertEquals(Boolean.FALSE, demo.admin().attackDetection().bruteForceUserStatus(person.id()).get("disabled"));
        assertEquals(200, DemoRealm.passwordGrant(demo, person.email(), PasswordResets.NEW_PASSWORD).status());
    }

    @Test
    void completionReEnablesAUserThatBruteForceProtectionDisabled() {
        // One failure locks the user out for good: disabled, with Keycloak's brute-force disabled reason.
        demo.updateWithCleanup(r -> r.permanentLockout(true).maxTemporaryLockouts(0).failureFactor(1));
        Person person = resets.newPerson();
        String token = approveAndReadToken(person, resets.askAndAwait(person).get("id").asText());
        DemoRealm.passwordGrant(demo, person.email(), "Wrong-Passw0rd!");
        UserRepresentation locked = demo.admin().users().get(person.id()).toRepresentation();
        assertFalse(locked.isEnabled(), "permanently locked out");
        assertEquals(List.of("permanentLockout"), locked.getAttributes().get(UserModel.DISABLED_REASON));

        assertEquals(204, resets.complete(token, PasswordResets.NEW_PASSWORD).status());

        UserRepresentation after = demo.admin().users().get(person.id()).toRepresentation();
        assertTrue(after.isEnabled(), "the lockout is lifted");
        assertNull(after.getAttributes() == null ? null : after.getAttributes().get(UserModel.DISABLED_REASON));
        assertEquals(200, DemoRealm.passwordGrant(demo, person.email(), PasswordResets.NEW_PASSWORD).status());
    }

    @Test
    void completionLeavesAUserAnAdministratorDisabledDisabled() {
        // One failure is one temporary lockout, within a limit of one; the administrator then disables the
        // user and lowers the limit, so Keycloak counts the user as permanently locked out with no such reason.
        demo.updateWithCleanup(r -> r.permanentLockout(true).maxTemporaryLockouts(1).failureFactor(1));
        Person person = resets.newPerson();
        String token = approveAndReadToken(person, resets.askAndAwait(person).get("id").asText());
        DemoRealm.passwordGrant(demo, person.email(), "Wrong-Passw0rd!");
        UserRepresentation user = demo.admin().users().get(person.id()).toRepresentation();
        assertTrue(user.isEnabled(), "a temporary lockout only: " + user.getAttributes());
        user.setEnabled(false);
        demo.admin().users().get(person.id()).update(user);
        demo.updateWithCleanup(r -> r.maxTemporaryLockouts(0));

        assertEquals(204, resets.complete(token, PasswordResets.NEW_PASSWORD).status());

        assertFalse(demo.admin().users().get(person.id()).toRepresentation().isEnabled(), "still disabled");
        assertEquals(400, DemoRealm.passwordGrant(demo, person.email(), PasswordResets.NEW_PASSWORD).status());
    }

    @Test
    void theLinkLifetimeCountsFromTheApproval() {
        Person person = resets.newPerson();
        Person other = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();
        String otherId = resets.askAndAwait(other).get("id").asText();

        // Two days later, well within the request's three days, the approval starts the link's 20 minutes.
        timeOffSet.set(2 * 24 * 3600);
        String token = approveAndReadToken(person, id);
        String otherToken = approveAndReadToken(other, otherId);

        timeOffSet.set(2 * 24 * 3600 + 19 * 60);
        assertEquals(204, resets.complete(token, PasswordResets.NEW_PASSWORD).status(), "still valid after 19 minutes");
        timeOffSet.set(2 * 24 * 3600 + 21 * 60);
        Http.Reply late = resets.complete(otherToken, PasswordResets.NEW_PASSWORD);
        assertEquals(410, late.status(), "expired after 20 minutes: " + late);
        assertEquals("password_reset_expired", late.json().get("error").asText());
    }

    @Test
    void theRealmSetsHowLongRequestsWaitAndLinksWork() {
        demo.updateWithCleanup(r -> r.attribute("inviteOnly.passwordReset.requestLifetimeSeconds", "3600")
                .attribute("inviteOnly.passwordReset.linkLifetimeSeconds", "600"));
        Person person = resets.newPerson();

        JsonNode pending = resets.askAndAwait(person);
        assertEquals(3_600_000, pending.get("expiresAt").asLong() - pending.get("requestedAt").asLong());
        JsonNode approved = resets.approve(pending.get("id").asText(), resets.adminToken()).json();
        assertEquals(600_000, approved.get("expiresAt").asLong() - approved.get("decidedAt").asLong());
    }

    @Test
    void badCompletionInputIsRefusedNamingTheField() {
        String url = resets.publicUrl() + "/complete";
        assertEquals("token", Http.postJson(url, null, Map.of("newPassword", "x")).json().get("field").asText());
        assertEquals("newPassword", Http.postJson(url, null, Map.of("token", "x")).json().get("field").asText());
        assertEquals("newPassword", Http.postJson(url, null, Map.of("token", "x", "newPassword", 5)).json().get("field").asText());
        assertEquals("extra", Http.postJson(url, null, Map.of("token", "x", "newPassword", "y", "extra", 1)).json().get("field").asText());
        Http.Reply unknown = resets.complete("A".repeat(43), PasswordResets.NEW_PASSWORD);
        assertEquals(400, unknown.status(), unknown.toString());
        assertEquals("token", unknown.json().get("field").asText());
        assertEquals(400, Http.postJson(url, null, "[]").status());
    }

    private String approveAndReadToken(Person person, String id) {
        int before = Mailbox.to(mail, person.email()).size();
        Http.Reply approved = resets.approve(id, resets.adminToken());
        assertEquals(200, approved.status(), approved.toString());
        String link = Mailbox.link(Mailbox.waitFor(mail, person.email(), before + 1), "/password-resets/complete?token=");
        return Mailbox.tokenOf(link);
    }
}
