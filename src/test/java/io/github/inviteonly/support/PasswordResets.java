package io.github.inviteonly.support;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Assertions;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/** The password-reset workflow of docs/workflows.md, as calls against the running server. */
public final class PasswordResets {

    /** Meets the demo realm's password policy. */
    public static final String OLD_PASSWORD = "Old-Passw0rd!";
    public static final String NEW_PASSWORD = "New-Passw0rd!2";

    private final ManagedRealm realm;

    public PasswordResets(ManagedRealm realm) {
        this.realm = realm;
    }

    /** A person with an account and a password, created for one test. */
    public record Person(String id, String email, String username) {
    }

    public Person newPerson(String... realmManagementRoles) {
        return newPerson(List.of(), realmManagementRoles);
    }

    /**
     * A person who also set up an authenticator app: a TOTP credential with {@code secret} under the realm's
     * OTP policy (Keycloak's defaults), created through the admin API as a realm import creates it.
     */
    public Person newPersonWithTotp(String secret) {
        CredentialRepresentation otp = new CredentialRepresentation();
        otp.setType("otp");
        otp.setUserLabel("Authenticator app");
        otp.setSecretData("{\"value\":\"" + secret + "\"}");
        otp.setCredentialData("{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
        return newPerson(List.of(otp));
    }

    private Person newPerson(List<CredentialRepresentation> otherCredentials, String... realmManagementRoles) {
        String email = "person-" + UUID.randomUUID().toString().substring(0, 12) + "@example.org";
        UserRepresentation user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setFirstName("Pat");
        user.setLastName("Person");
        user.setEnabled(true);
        user.setEmailVerified(true);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(OLD_PASSWORD);
        password.setTemporary(false);
        List<CredentialRepresentation> credentials = new ArrayList<>(List.of(password));
        credentials.addAll(otherCredentials);
        user.setCredentials(credentials);
        String id;
        try (Response created = realm.admin().users().create(user)) {
            if (created.getStatus() != 201) {
                throw new AssertionError("Creating " + email + " failed: " + created.getStatus());
            }
            String location = created.getLocation().getPath();
            id = location.substring(location.lastIndexOf('/') + 1);
        }
        if (realmManagementRoles.length > 0) {
            String clientUuid = realm.admin().clients().findByClientId("realm-management").get(0).getId();
            List<RoleRepresentation> roles = List.of(realmManagementRoles).stream()
                    .map(name -> realm.admin().clients().get(clientUuid).roles().get(name).toRepresentation()).toList();
            realm.admin().users().get(id).roles().clientLevel(clientUuid).add(roles);
        }
        return new Person(id, email, email);
    }

    public String publicUrl() {
        return DemoRealm.api(realm) + "/password-resets";
    }

    public String url() {
        return DemoRealm.adminApi(realm) + "/password-resets";
    }

    /** Asks from a client IP of its own (the test server trusts X-Forwarded-For), so that per-IP limits
     * of different tests do not add up. */
    public Http.Reply ask(String email) {
        return ask(email, newIp());
    }

    public Http.Reply ask(String email, String ip) {
        return ask(email, ip, "PasswordResets/1.0 (Java HttpClient)");
    }

    /** As a browser that names itself {@code userAgent}. */
    public Http.Reply ask(String email, String ip, String userAgent) {
        return Http.send(HttpRequest.newBuilder(URI.create(publicUrl()))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", ip)
                .header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString(Http.toJson(Map.of("email", email)))));
    }

    /** The owner's cancel link, opened: the page with the button. */
    public static Http.Reply openCancelLink(String link) {
        return Http.send(HttpRequest.newBuilder(URI.create(link)).GET());
    }

    /** The cancel page's button: a form post, without fields, to the link's own address. */
    public static Http.Reply pressCancel(String link) {
        return Http.send(HttpRequest.newBuilder(URI.create(link))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    public static String newIp() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    public String adminToken() {
        return DemoRealm.accessToken(realm, DemoRealm.ALICE, DemoRealm.ALICE_PASSWORD);
    }

    public static String tokenOf(ManagedRealm realm, Person person, String password) {
        return DemoRealm.accessToken(realm, person.email(), password);
    }

    /** Asks for a reset and waits until the request is recorded; returns it as the admin API shows it. */
    public JsonNode askAndAwait(Person person) {
        Http.Reply reply = ask(person.email());
        if (reply.status() != 202) {
            throw new AssertionError("Asking for a reset failed: " + reply);
        }
        return awaitRequestOf(person, "PENDING");
    }

    /** Waits until the admin list shows a request of the person in the given status. */
    public JsonNode awaitRequestOf(Person person, String status) {
        String bearer = adminToken();
        return Eventually.until("a " + status + " request of " + person.email(),
                () -> StreamSupport.stream(Http.get(url() + "?status=" + status + "&max=1000", bearer).json().spliterator(), false)
                        .filter(request -> request.get("userId").asText().equals(person.id())).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    /** Every request of the person, newest first. */
    public List<JsonNode> requestsOf(Person person) {
        JsonNode all = Http.get(url() + "?max=1000", adminToken()).json();
        return StreamSupport.stream(all.spliterator(), false)
                .filter(r -> r.get("userId").asText().equals(person.id())).toList();
    }

    public Http.Reply approve(String id, String bearer) {
        return Http.postJson(url() + "/" + id + "/approve", bearer, null);
    }

    public Http.Reply reject(String id, String bearer, Map<String, ?> body) {
        return Http.postJson(url() + "/" + id + "/reject", bearer, body);
    }

    public Http.Reply complete(String token, String newPassword) {
        return Http.postJson(publicUrl() + "/complete", null, Map.of("token", token, "newPassword", newPassword));
    }

    /** A refresh token of the person, from signing in with the old password before a reset. */
    public String refreshTokenBeforeReset(Person person) {
        return DemoRealm.passwordGrant(realm, person.email(), OLD_PASSWORD).json().get("refresh_token").asText();
    }

    /** After a reset: the new password signs in; the old one, the others named, and a refresh token from before do not. */
    public void assertOnlyTheNewPasswordWorks(Person person, String refreshTokenBefore, String... otherPasswords) {
        Assertions.assertEquals(200, DemoRealm.passwordGrant(realm, person.email(), NEW_PASSWORD).status());
        List<String> refused = new ArrayList<>(List.of(otherPasswords));
        refused.add(0, OLD_PASSWORD);
        for (String password : refused) {
            Http.Reply grant = DemoRealm.passwordGrant(realm, person.email(), password);
            Assertions.assertEquals("invalid_grant", grant.json().path("error").asText(), password + " must not sign in: " + grant);
        }
        Http.Reply refresh = Http.postForm(realm.getBaseUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "refresh_token", "client_id", DemoRealm.CLIENT, "refresh_token", refreshTokenBefore));
        Assertions.assertEquals(400, refresh.status(), "the refresh token from before the reset is dead: " + refresh);
    }}
