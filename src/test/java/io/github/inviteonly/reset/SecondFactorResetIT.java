package io.github.inviteonly.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.Mailbox;
import io.github.inviteonly.support.PasswordResetFixture;
import io.github.inviteonly.support.PasswordResets;
import io.github.inviteonly.support.PasswordResets.Person;
import io.github.inviteonly.support.Totp;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * A reset replaces the password and nothing else: the second factor stays in force, and completing the
 * reset signs nobody in (ASVS: a reset never bypasses the second factor).
 */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class SecondFactorResetIT extends PasswordResetFixture {

    @Test
    void completingAResetKeepsTheOtpSignsNobodyInAndTheDirectGrantStillAsksForTheCode() {
        String secret = Totp.newSecret();
        Person person = resets.newPersonWithTotp(secret);
        String otpId = credentialIds(person, "otp").get(0);
        String id = resets.askAndAwait(person).get("id").asText();
        assertEquals(200, resets.approve(id, resets.adminToken()).status());
        String token = Mailbox.tokenOf(Mailbox.link(Mailbox.waitFor(mail, person.email(), 1), "/password-resets/complete?token="));

        Http.Reply done = resets.complete(token, PasswordResets.NEW_PASSWORD);

        assertEquals(204, done.status(), done.toString());
        assertEquals("", done.raw().body(), "no token in the answer");
        assertTrue(done.raw().headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("KEYCLOAK_")),
                "no Keycloak session cookie: " + done.raw().headers().allValues("Set-Cookie"));
        assertTrue(demo.admin().users().get(person.id()).getUserSessions().isEmpty(), "no session was started");
        assertEquals(List.of(otpId), credentialIds(person, "otp"), "the very same OTP credential is still there");

        Http.Reply withoutCode = DemoRealm.passwordGrant(demo, person.email(), PasswordResets.NEW_PASSWORD);
        assertNotEquals(200, withoutCode.status(), "the new password alone does not sign in: " + withoutCode);
        assertFalse(withoutCode.json().has("access_token"), withoutCode.toString());
        assertEquals("invalid_grant", withoutCode.json().path("error").asText(), withoutCode.toString());
        pastQuickLoginCheck();
        Http.Reply wrongCode = passwordGrantWithCode(person, PasswordResets.NEW_PASSWORD, wrong(Totp.code(secret, 0)));
        assertNotEquals(200, wrongCode.status(), "nor with a wrong code: " + wrongCode);

        pastQuickLoginCheck();
        Http.Reply withCode = passwordGrantWithCode(person, PasswordResets.NEW_PASSWORD, Totp.code(secret, 0));
        assertEquals(200, withCode.status(), "the new password with the code signs in: " + withCode);
        assertTrue(withCode.json().has("access_token"), withCode.toString());
        Http.Reply oldPassword = passwordGrantWithCode(person, PasswordResets.OLD_PASSWORD, Totp.code(secret, 1));
        assertEquals("invalid_grant", oldPassword.json().path("error").asText(), "the old password is gone: " + oldPassword);
    }

    /** Two failed sign-ins within a second lock the user out for a minute (Keycloak's brute-force quick login check). */
    private static void pastQuickLoginCheck() {
        try {
            Thread.sleep(1_500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private List<String> credentialIds(Person person, String type) {
        return demo.admin().users().get(person.id()).credentials().stream()
                .filter(c -> type.equals(c.getType())).map(CredentialRepresentation::getId).toList();
    }

    /** The direct grant with Keycloak's {@code totp} parameter (the direct-grant flow's conditional OTP step). */
    private Http.Reply passwordGrantWithCode(Person person, String password, String code) {
        Map<String, String> form = new HashMap<>(Map.of("grant_type", "password", "client_id", DemoRealm.CLIENT,
                "username", person.email(), "password", password, "scope", "openid"));
        form.put("totp", code);
        return Http.postForm(demo.getBaseUrl() + "/protocol/openid-connect/token", form);
    }

    private static String wrong(String code) {
        return String.valueOf((Integer.parseInt(code) + 1) % 1_000_000 + 1_000_000).substring(1);
    }
}
