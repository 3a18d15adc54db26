package io.github.inviteonly.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dasniko.testcontainers.keycloak.KeycloakContainer;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Eventually;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.Mailbox;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.testcontainers.DockerClientFactory;

/**
 * The packaged JAR and {@code realm-export.json} in the Keycloak image that docker-compose.yml names,
 * through the main workflow: invite → accept → log in → request a reset → approve → complete → log in.
 * Needs Docker: skipped with the reason where there is none, a failure in CI (where .ci/run provides it).
 */
class ContainerWorkflowIT {

    private static final String PASSWORD = "Container-Passw0rd!";
    private static final String NEW_PASSWORD = "Container-Passw0rd!2";

    private static KeycloakContainer keycloak;
    private static GreenMail mail;

    @BeforeAll
    static void startKeycloakInItsImage() throws Exception {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("No Docker: .ci/run starts dockerd and builds the Keycloak image");
            }
            Assumptions.abort("No Docker here: the container test needs a Docker engine");
        }
        // The container reaches this mail server on the Docker host.
        int smtpPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        mail = new GreenMail(new ServerSetup(smtpPort, "0.0.0.0", ServerSetup.PROTOCOL_SMTP));
        mail.start();

        String image = System.getProperty("keycloak.image");
        keycloak = new KeycloakContainer(image)
                .withImagePullPolicy(name -> false)
                .withProviderLibsFrom(List.of(new File(System.getProperty("provider.jar"))))
                .withRealmImportFile("/realm-export.json")
                .withExtraHost("mail.host", "host-gateway")
                .withStartupTimeout(Duration.ofMinutes(6));
        keycloak.start();

        RealmRepresentation demo = keycloak.getKeycloakAdminClient().realm("demo").toRepresentation();
        demo.getSmtpServer().put("host", "mail.host");
        demo.getSmtpServer().put("port", String.valueOf(smtpPort));
        keycloak.getKeycloakAdminClient().realm("demo").update(demo);
    }

    @AfterAll
    static void stop() {
        if (keycloak != null) {
            keycloak.stop();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void inviteAcceptLogInRequestResetApproveCompleteLogIn() throws Exception {
        String realm = keycloak.getAuthServerUrl() + "/realms/demo";
        String email = "container-" + System.nanoTime() + "@example.org";

        String director = login(realm, DemoRealm.DAVE, DemoRealm.DAVE_PASSWORD);
        Http.Reply invited = Http.postJson(realm.replace("/realms/", "/admin/realms/") + "/invite-only/invitations", director,
                Map.of("email", email, "firstName", "Cora", "roles", List.of("director")));
        assertEquals(201, invited.status(), invited.toString());
        assertEquals("SENT", invited.json().get("emailDelivery").asText());

        String invitation = tokenIn(awaitMessage(email, 1));
        Http.Reply accepted = Http.postJson(realm + "/invite-only/invitations/accept", null,
                Map.of("token", invitation, "password", PASSWORD, "firstName", "Cora", "lastName", "Container"));
        assertEquals(201, accepted.status(), accepted.toString());
        JsonNode me = Http.get(realm + "/invite-only/me", login(realm, email, PASSWORD)).json();
        assertTrue(me.get("realmRoles").toString().contains("director"), me.toString());

        assertEquals(202, Http.postJson(realm + "/invite-only/password-resets", null, Map.of("email", email)).status());
        String admin = login(realm, DemoRealm.ALICE, DemoRealm.ALICE_PASSWORD);
        String resets = realm.replace("/realms/", "/admin/realms/") + "/invite-only/password-resets";
        String id = awaitPendingRequest(resets, admin, me.get("id").asText());
        // A director holds a realm-management role (manage-invitations): the request is privileged and needs
        // two different approvers; the link goes out after the second.
        Http.Reply first = Http.postJson(resets + "/" + id + "/approve", admin, null);
        assertEquals(200, first.status(), first.toString());
        assertEquals("PENDING", first.json().get("status").asText(), "1 of 2: " + first);
        String hana = login(realm, DemoRealm.HANA, DemoRealm.HANA_PASSWORD);
        Http.Reply second = Http.postJson(resets + "/" + id + "/approve", hana, null);
        assertEquals("APPROVED", second.json().get("status").asText(), second.toString());

        String reset = tokenIn(awaitMessage(email, 2));
        assertEquals(204, Http.postJson(realm + "/invite-only/password-resets/complete", null,
                Map.of("token", reset, "newPassword", NEW_PASSWORD)).status());
        login(realm, email, NEW_PASSWORD);
        assertEquals("COMPLETED", Http.get(resets + "/" + id, admin).json().get("status").asText());
    }

    private static String login(String realm, String username, String password) {
        Http.Reply reply = Http.postForm(realm + "/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", DemoRealm.CLIENT, "username", username, "password", password, "scope", "openid"));
        assertEquals(200, reply.status(), "login of " + username + ": " + reply);
        return reply.json().get("access_token").asText();
    }

    private static String awaitPendingRequest(String resets, String admin, String userId) {
        return Eventually.until("a pending request of " + userId,
                () -> StreamSupport.stream(Http.get(resets + "?status=PENDING", admin).json().spliterator(), false)
                        .filter(request -> request.get("userId").asText().equals(userId)).findFirst(),
                Optional::isPresent).orElseThrow().get("id").asText();
    }

    /** The {@code count}-th message to the address, not counting the owner's notice of a reset request (see Mailbox.to). */
    private static MimeMessage awaitMessage(String address, int count) {
        return Eventually.until("message #" + count + " to " + address, () -> Arrays.stream(mail.getReceivedMessagesForDomain(address))
                        .filter(m -> !Mailbox.isRequestNotice(m)).toList(),
                messages -> messages.size() >= count).get(count - 1);
    }

    private static String tokenIn(MimeMessage message) {
        return Mailbox.tokenOf(Mailbox.link(message, "token="));
    }
}
