package io.github.inviteonly.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.settings.RealmSettings;
import io.github.inviteonly.support.Browser;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Eventually;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.Mailbox;
import io.github.inviteonly.support.PasswordResetFixture;
import io.github.inviteonly.support.PasswordResets;
import io.github.inviteonly.support.PasswordResets.Person;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.openqa.selenium.By;

/**
 * What approvers see before deciding (the request's {@code signals}), address changes through every door
 * of Keycloak (remembered, told to the old address, making the next request privileged), and approvals
 * refused once the address was swapped under the request.
 */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class PasswordResetSignalsIT extends PasswordResetFixture {

    @Test
    void anAccountHoldingRealmAdminThroughAGroupIsPrivileged() {
        Person person = resets.newPerson();
        String clientUuid = demo.admin().clients().findByClientId("realm-management").get(0).getId();
        RoleRepresentation realmAdmin = demo.admin().clients().get(clientUuid).roles().get("realm-admin").toRepresentation();
        GroupRepresentation group = new GroupRepresentation();
        group.setName("signals-admins-" + person.id().substring(0, 8));
        String groupId;
        try (Response created = demo.admin().groups().add(group)) {
            String location = created.getLocation().getPath();
            groupId = location.substring(location.lastIndexOf('/') + 1);
        }
        demo.admin().groups().group(groupId).roles().clientLevel(clientUuid).add(List.of(realmAdmin));
        demo.admin().users().get(person.id()).joinGroup(groupId);

        JsonNode signals = resets.askAndAwait(person).get("signals");
        assertTrue(signals.get("privileged").asBoolean(), signals.toString());
        assertTrue(texts(signals.get("privilegedReasons")).contains("role:realm-admin"), signals.toString());
        demo.admin().groups().group(groupId).remove();
    }

    @Test
    void aRoleNamedInPrivilegedRolesMakesTheAccountPrivilegedAndOthersAreNot() {
        String roleName = "signals-payroll";
        if (demo.admin().roles().list().stream().noneMatch(r -> r.getName().equals(roleName))) {
            demo.admin().roles().create(new RoleRepresentation(roleName, null, false));
        }
        demo.updateWithCleanup(realm -> realm.attribute(RealmSettings.RESET_PRIVILEGED_ROLES, roleName));
        Person payroll = resets.newPerson();
        demo.admin().users().get(payroll.id()).roles().realmLevel().add(List.of(demo.admin().roles().get(roleName).toRepresentation()));
        Person plain = resets.newPerson();

        JsonNode privileged = resets.askAndAwait(payroll).get("signals");
        assertTrue(privileged.get("privileged").asBoolean(), privileged.toString());
        assertEquals(List.of("role:" + roleName), texts(privileged.get("privilegedReasons")));
        JsonNode ordinary = resets.askAndAwait(plain).get("signals");
        assertFalse(ordinary.get("privileged").asBoolean(), ordinary.toString());
        assertEquals(List.of(), texts(ordinary.get("privilegedReasons")));
        assertFalse(ordinary.hasNonNull("emailChangedAt"), "no change known (absent, as every null field): " + ordinary);
        long created = demo.admin().users().get(plain.id()).toRepresentation().getCreatedTimestamp();
        assertEquals(created, ordinary.get("accountCreatedAt").asLong());
        assertEquals(1, ordinary.get("requestsLast30Days").asLong());
        assertEquals(List.of(), texts(ordinary.get("secondFactors")));
    }

    @Test
    void anAddressChangedThroughTheAdminApiIsToldToTheOldAddressAndMakesTheNextRequestPrivileged() {
        Person person = resets.newPerson();
        long before = System.currentTimeMillis();
        String newEmail = "new-" + person.email();
        changeEmailByAdmin(person, newEmail);

        String notice = Mailbox.text(Mailbox.waitFor(mail, person.email(), 1));
        assertTrue(notice.contains("was changed from " + person.email() + " to " + newEmail), notice);

        JsonNode request = askAndAwait(person, newEmail, PasswordResets.newIp());
        JsonNode signals = request.get("signals");
        assertTrue(signals.get("emailChangedAt").asLong() >= before - 5_000, signals.toString());
        assertTrue(signals.get("privileged").asBoolean(), signals.toString());
        assertEquals(List.of(PrivilegedAccount.RECENT_EMAIL_CHANGE), texts(signals.get("privilegedReasons")));
        assertEquals(newEmail, request.get("email").asText());
        assertFalse(request.get("emailChanged").asBoolean(), "the address is still the one of the request");
    }

    @Test
    void anAddressChangeOutsideRecentEmailChangeSecondsLeavesTheRequestUnprivileged() {
        demo.updateWithCleanup(realm -> realm.attribute(RealmSettings.RESET_RECENT_EMAIL_CHANGE, "0"));
        Person person = resets.newPerson();
        String newEmail = "new-" + person.email();
        changeEmailByAdmin(person, newEmail);

        JsonNode signals = askAndAwait(person, newEmail, PasswordResets.newIp()).get("signals");
        assertTrue(signals.get("emailChangedAt").asLong() > 0, "the change is still shown: " + signals);
        assertFalse(signals.get("privileged").asBoolean(), signals.toString());
    }

    @Test
    void anAddressChangedInTheAccountConsoleIsSeenAndToldToTheOldAddress() {
        // With email as username, Keycloak lets users edit their address only when usernames may be edited.
        demo.updateWithCleanup(realm -> realm.editUsernameAllowed(true));
        Person person = resets.newPerson();
        String token = PasswordResets.tokenOf(demo, person, PasswordResets.OLD_PASSWORD);
        String newEmail = "mine-" + person.email();

        Http.Reply updated = Http.postJson(demo.getBaseUrl() + "/account", token,
                Map.of("username", newEmail, "email", newEmail, "firstName", "Pat", "lastName", "Person"));
        assertEquals(204, updated.status(), updated.toString());
        assertEquals(newEmail, demo.admin().users().get(person.id()).toRepresentation().getEmail());

        String notice = Mailbox.text(Mailbox.waitFor(mail, person.email(), 1));
        assertTrue(notice.contains("was changed from " + person.email() + " to " + newEmail), notice);
        JsonNode signals = askAndAwait(person, newEmail, PasswordResets.newIp()).get("signals");
        assertTrue(signals.get("emailChangedAt").asLong() > 0, signals.toString());
        assertTrue(texts(signals.get("privilegedReasons")).contains(PrivilegedAccount.RECENT_EMAIL_CHANGE), signals.toString());
    }

    @Test
    void anAddressChangedThroughTheUpdateEmailActionIsSeenAndToldToTheOldAddress() {
        RequiredActionProviderRepresentation action = demo.admin().flows().getRequiredAction("UPDATE_EMAIL");
        boolean wasEnabled = action.isEnabled();
        action.setEnabled(true);
        demo.admin().flows().updateRequiredAction("UPDATE_EMAIL", action);
        Person person = resets.newPerson();
        String newEmail = "action-" + person.email();
        try (Browser browser = Browser.start("signals-update-email")) {
            browser.open(DemoRealm.loginPageUrl(demo) + "&kc_action=UPDATE_EMAIL");
            browser.signIn(person.email(), PasswordResets.OLD_PASSWORD);
            browser.type("email", newEmail);
            browser.see("update-email-form");
            browser.find(By.cssSelector("[type=submit]:not([name=cancel-aia])")).click();
            Eventually.until("the address changed", () -> demo.admin().users().get(person.id()).toRepresentation().getEmail(),
                    newEmail::equals);
        } finally {
            action.setEnabled(wasEnabled);
            demo.admin().flows().updateRequiredAction("UPDATE_EMAIL", action);
        }

        String notice = Mailbox.text(Mailbox.waitFor(mail, person.email(), 1));
        assertTrue(notice.contains("was changed from " + person.email() + " to " + newEmail), notice);
        JsonNode signals = askAndAwait(person, newEmail, PasswordResets.newIp()).get("signals");
        assertTrue(texts(signals.get("privilegedReasons")).contains(PrivilegedAccount.RECENT_EMAIL_CHANGE), signals.toString());
    }

    @Test
    void approvingAfterTheAddressWasSwappedIsRefusedThroughTheApiAndInTheConsole() {
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();
        String swapped = "attacker-" + person.email();
        changeEmailByAdmin(person, swapped);
        Mailbox.waitFor(mail, person.email(), 1); // the old address was told

        Http.Reply api = resets.approve(id, resets.adminToken());
        assertEquals(409, api.status(), api.toString());
        assertEquals("email_changed", api.json().get("error").asText());

        Person userAdmin = resets.newPerson("manage-users");
        String console = PasswordResets.tokenOf(demo, userAdmin, PasswordResets.OLD_PASSWORD);
        Http.Reply credentialReset = Http.putJson(demo.getBaseUrl().replace("/realms/", "/admin/realms/") + "/users/"
                + person.id() + "/execute-actions-email", console, "[\"UPDATE_PASSWORD\"]");
        assertEquals(409, credentialReset.status(), credentialReset.toString());
        assertEquals("email_changed", credentialReset.json().get("error").asText());

        JsonNode record = Http.get(resets.url() + "/" + id, resets.adminToken()).json();
        assertEquals("PENDING", record.get("status").asText());
        assertTrue(record.get("emailChanged").asBoolean(), record.toString());
        assertEquals(person.email(), record.get("email").asText());
        assertEquals("CONSOLE", record.get("lastRefusal").get("via").asText(), record.toString());
        assertTrue(record.get("lastRefusal").get("reason").asText().contains("no longer"), record.toString());
        assertEquals(0, Mailbox.to(mail, swapped).size(), "no link went to the swapped-in address");
    }

    @Test
    void theRequestIpIsSeenAtLoginAfterASignInFromItAndNotFromAnotherIp() {
        Person signedIn = resets.newPerson();
        String ip = PasswordResets.newIp();
        Http.Reply login = Http.send(HttpRequest.newBuilder(URI.create(demo.getBaseUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", ip)
                .POST(HttpRequest.BodyPublishers.ofString(Map.of("grant_type", "password", "client_id", DemoRealm.CLIENT,
                                "username", signedIn.email(), "password", PasswordResets.OLD_PASSWORD).entrySet().stream()
                        .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&")))));
        assertEquals(200, login.status(), login.toString());

        assertTrue(askAndAwait(signedIn, signedIn.email(), ip).get("signals").get("requestIpSeenAtLogin").asBoolean());
        Person stranger = resets.newPerson();
        JsonNode other = askAndAwait(stranger, stranger.email(), ip).get("signals");
        assertFalse(other.get("requestIpSeenAtLogin").asBoolean(), "that IP never signed in to this account: " + other);
    }

    @Test
    void theRequestIpIsUnknownWhenTheRealmStoresNoLoginEvents() {
        demo.updateWithCleanup(realm -> realm.eventsEnabled(false));
        Person person = resets.newPerson();
        JsonNode signals = resets.askAndAwait(person).get("signals");
        assertFalse(signals.hasNonNull("requestIpSeenAtLogin"), "unknown (absent, as every null field): " + signals);
        assertTrue(signals.has("privileged"), "the other signals are there: " + signals);
    }

    @Test
    void secondFactorsShowTheAccountsOtpCredentialAsItIsNow() {
        Person person = resets.newPerson();
        String id = resets.askAndAwait(person).get("id").asText();
        assertEquals(List.of(), texts(Http.get(resets.url() + "/" + id, resets.adminToken()).json().get("signals").get("secondFactors")));

        CredentialRepresentation otp = new CredentialRepresentation();
        otp.setType("otp");
        otp.setUserLabel("phone");
        otp.setSecretData("{\"value\":\"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP\"}");
        otp.setCredentialData("{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
        UserRepresentation user = demo.admin().users().get(person.id()).toRepresentation();
        user.setCredentials(List.of(otp));
        demo.admin().users().get(person.id()).update(user);

        JsonNode signals = Http.get(resets.url() + "/" + id, resets.adminToken()).json().get("signals");
        assertEquals(List.of("otp"), texts(signals.get("secondFactors")), signals.toString());
        JsonNode listed = resets.awaitRequestOf(person, "PENDING").get("signals");
        assertEquals(List.of("otp"), texts(listed.get("secondFactors")));
    }

    private void changeEmailByAdmin(Person person, String newEmail) {
        UserRepresentation user = demo.admin().users().get(person.id()).toRepresentation();
        user.setEmail(newEmail);
        user.setUsername(newEmail);
        demo.admin().users().get(person.id()).update(user);
    }

    /** Asks for the person under {@code email} from {@code ip} and waits for the request. */
    private JsonNode askAndAwait(Person person, String email, String ip) {
        Http.Reply reply = resets.ask(email, ip);
        assertEquals(202, reply.status(), reply.toString());
        return resets.awaitRequestOf(person, "PENDING");
    }

    private static List<String> texts(JsonNode array) {
        return array == null ? List.of() : java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
