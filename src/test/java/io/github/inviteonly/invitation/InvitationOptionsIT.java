package io.github.inviteonly.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.Invitations;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

/** What an invitation form may offer a caller ({@code options}), and the counts per status. */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class InvitationOptionsIT {

    @InjectRealm(fromJson = DemoRealm.JSON, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm demo;

    @InjectMailServer
    MailServer mail;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    @Test
    void optionsOfferWhatTheCallerMayGrantAndCreateAcceptsAllOfIt() {
        Invitations invitations = new Invitations(demo);
        String group = invitations.newGroup();
        String daveGroup = invitations.newGroup();
        UserRepresentation dave = demo.admin().users().searchByEmail(DemoRealm.DAVE, true).get(0);
        String daveGroupId = demo.admin().groups().groups(daveGroup.substring(1), 0, 1).get(0).getId();
        demo.admin().users().get(dave.getId()).joinGroup(daveGroupId);

        JsonNode forDave = options(invitations.directorToken());
        List<String> daveRoles = names(forDave.get("roles"));
        assertTrue(daveRoles.contains("director"), daveRoles::toString);
        assertFalse(daveRoles.contains("admin"), daveRoles::toString);
        assertFalse(daveRoles.contains("sales"), daveRoles::toString);
        assertFalse(daveRoles.contains("default-roles-demo"), daveRoles::toString);
        List<String> daveGroups = texts(forDave.get("groups"));
        assertTrue(daveGroups.contains(daveGroup), daveGroups::toString);
        assertFalse(daveGroups.contains(group), daveGroups::toString);

        JsonNode forAlice = options(invitations.adminToken());
        List<String> aliceRoles = names(forAlice.get("roles"));
        assertTrue(aliceRoles.containsAll(List.of("admin", "director", "sales", "marketing")), aliceRoles::toString);
        assertTrue(texts(forAlice.get("groups")).containsAll(List.of(group, daveGroup)), forAlice::toString);

        JsonNode demoApp = client(forDave, DemoRealm.CLIENT);
        assertEquals(List.of("http://localhost:3000/", "http://localhost:4200/", "http://localhost:5173/", "http://localhost:8000/"),
                texts(demoApp.get("redirectUris")));
        assertEquals("http://localhost:3001/", client(forDave, "demo-portal").get("baseUrl").asText());
        for (JsonNode client : forDave.get("clients")) {
            assertFalse(client.get("clientId").asText().startsWith("invite-only"), client::toString);
        }
        assertEquals(Map.of("defaultSeconds", 604800L, "minSeconds", 300L, "maxSeconds", 2592000L),
                Map.of("defaultSeconds", forDave.at("/lifetime/defaultSeconds").asLong(),
                        "minSeconds", forDave.at("/lifetime/minSeconds").asLong(),
                        "maxSeconds", forDave.at("/lifetime/maxSeconds").asLong()));
        assertEquals(List.of("de", "en"), texts(forDave.get("locales")));
        assertEquals("en", forDave.get("defaultLocale").asText());

        // Everything offered is accepted by create, for the same caller.
        Http.Reply created = invitations.create(invitations.directorToken(), Map.of("email", Invitations.newEmail(),
                "roles", daveRoles, "groups", daveGroups, "clientId", DemoRealm.CLIENT,
                "redirectUri", "http://localhost:4200/", "locale", "de", "sendEmail", false));
        assertEquals(201, created.status(), created::toString);

        assertEquals(403, Http.get(invitations.url() + "/options", invitations.salesToken()).status());
        assertEquals(401, Http.get(invitations.url() + "/options", null).status());
    }

    @Test
    void countsEveryStatusInOneCallWithTheListsFilters() {
        Invitations invitations = new Invitations(demo);
        String director = invitations.directorToken();
        String marker = "counts" + Invitations.newEmail().substring(8, 16);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // 0 is revoked, 1 stays pending, 2 runs out, 3 is accepted.
            Http.Reply created = invitations.create(director, Map.of("email", marker + "-" + i + "@example.org",
                    "sendEmail", i == 3, "expiresInSeconds", i == 2 ? 600 : 3600));
            assertEquals(201, created.status(), created::toString);
            ids.add(created.json().get("id").asText());
        }
        assertEquals(204, Http.delete(invitations.url() + "/" + ids.get(0), director).status());
        assertEquals(201, invitations.accept(invitations.tokenFromMail(mail, marker + "-3@example.org", 1), "Counts-Passw0rd!").status());
        timeOffSet.set(601);
        director = invitations.directorToken();

        JsonNode counts = Http.get(invitations.url() + "/counts?search=" + marker, director).json();
        for (String status : List.of("PENDING", "EXPIRED", "REVOKED", "ACCEPTED")) {
            assertEquals(1, counts.get(status).asLong(), () -> status + " in " + counts);
            assertEquals(1, Http.get(invitations.url() + "?search=" + marker + "&status=" + status, director).json().size(),
                    "the counts agree with the list");
        }
        JsonNode all = Http.get(invitations.url() + "/counts", director).json();
        for (String status : List.of("PENDING", "EXPIRED", "REVOKED", "ACCEPTED")) {
            assertEquals(all.get(status).asLong(), Http.get(invitations.url() + "/count?status=" + status, director).json().asLong(), status);
        }
        assertEquals(403, Http.get(invitations.url() + "/counts", invitations.salesToken()).status());
    }

    private JsonNode options(String bearer) {
        Http.Reply reply = Http.get(new Invitations(demo).url() + "/options", bearer);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private static JsonNode client(JsonNode options, String clientId) {
        for (JsonNode client : options.get("clients")) {
            if (client.get("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId + " in " + options);
    }

    private static List<String> names(JsonNode roles) {
        List<String> names = new ArrayList<>();
        roles.forEach(role -> names.add(role.get("name").asText()));
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
