package io.github.inviteonly.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.Invitations;
import io.github.inviteonly.support.ScratchRealmConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

/** Invitation rows and the rest of Keycloak's data: realm removal, user deletion. */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class InvitationStorageIT {

    @InjectRealm(fromJson = DemoRealm.JSON, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm demo;

    @InjectRealm(ref = "scratch", fromJson = DemoRealm.JSON, config = ScratchRealmConfig.class)
    ManagedRealm scratch;

    @InjectAdminClient
    Keycloak admin;

    @InjectMailServer
    MailServer mail;

    @Test
    void invitationsAreRemovedWithTheirRealm() {
        Invitations inScratch = new Invitations(scratch);
        inScratch.invite(Invitations.newEmail(), List.of());
        assertEquals(1, count(inScratch));
        RealmRepresentation copy = scratch.admin().toRepresentation();

        scratch.admin().remove();
        admin.realms().create(fromJson(copy));

        assertEquals(0, count(inScratch), "a realm re-created with the same id starts without invitations");
    }

    @Test
    void anInvitationStaysReadableAfterItsUserIsDeleted() {
        Invitations invitations = new Invitations(demo);
        String email = Invitations.newEmail();
        String token = invitations.inviteAndReadToken(mail, email, List.of());
        String userId = invitations.accept(token, "Invitee-Passw0rd!").json().get("id").asText();

        demo.admin().users().delete(userId).close();

        JsonNode invitation = Http.get(invitations.url() + "?email=" + email, invitations.directorToken()).json().get(0);
        assertEquals("ACCEPTED", invitation.get("status").asText());
        assertEquals(userId, invitation.get("userId").asText());
        assertEquals(DemoRealm.DAVE, invitation.get("invitedBy").get("username").asText());
    }

    private static long count(Invitations invitations) {
        Http.Reply reply = Http.get(invitations.url() + "/count", invitations.directorToken());
        assertEquals(200, reply.status(), reply::toString);
        return Long.parseLong(reply.raw().body().trim());
    }

    /** The scratch realm again from the demo JSON (its users included), with the same name and id. */
    private static RealmRepresentation fromJson(RealmRepresentation removed) {
        try (InputStream in = InvitationStorageIT.class.getResourceAsStream(DemoRealm.JSON)) {
            RealmRepresentation realm = JsonSerialization.readValue(in, RealmRepresentation.class);
            realm.setRealm(removed.getRealm());
            realm.setId(removed.getId());
            return realm;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
