package io.github.inviteonly.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Eventually;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InvitationFixture;
import io.github.inviteonly.support.Invitations;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.MailServerDown;
import io.github.inviteonly.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/** What the invitee receives: the email's words and language, and how its delivery is recorded after the commit. */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class InvitationDeliveryIT extends InvitationFixture {

    @Test
    void theInvitationEmailNamesTheInviterTheRealmAndTheExpiry() throws Exception {
        String email = Invitations.newEmail();
        invitations().invite(email, List.of());

        var message = Mailbox.waitFor(mail, email, 1);
        String text = Mailbox.text(message);

        assertTrue(message.getSubject().contains("Invite-only demo"), message.getSubject());
        assertTrue(text.contains("Dave Director"), text);
        assertTrue(text.contains("expires"), text);
        assertTrue(Mailbox.link(message, "/invite-only/invitations/sign-up").contains("token="), text);
    }

    @Test
    void theInvitationEmailCanBeRewordedInRealmLocalization() throws Exception {
        String key = "inviteOnlyInvitationSubject";
        demo.admin().localization().saveRealmLocalizationText("en", key, "Join us at {0}");
        try {
            String email = Invitations.newEmail();
            invitations().invite(email, List.of());

            assertEquals("Join us at Invite-only demo", Mailbox.waitFor(mail, email, 1).getSubject());
        } finally {
            demo.admin().localization().deleteRealmLocalizationText("en", key);
        }
    }

    @Test
    void germanInvitationsAreWrittenInGerman() throws Exception {
        String email = Invitations.newEmail();
        Http.Reply reply = invitations().create(invitations().directorToken(), Map.of("email", email, "locale", "de"));
        assertEquals(201, reply.status(), reply::toString);

        var message = Mailbox.waitFor(mail, email, 1);

        assertTrue(message.getSubject().startsWith("Einladung"), message.getSubject());
    }

    @Test
    void bulkAnswersBeforeTheMailServerAndRecordsEachDeliveryAsItsEmailGoesOut() {
        List<String> emails = IntStream.range(0, 12).mapToObj(i -> Invitations.newEmail()).toList();
        Map<String, Object> body = Map.of("invitations", emails.stream().map(email -> Map.of("email", email)).toList());

        Http.Reply reply = Http.postJson(invitations().url() + "/bulk", invitations().directorToken(), body);

        assertEquals(200, reply.status(), reply::toString);
        for (JsonNode result : reply.json().get("results")) {
            assertEquals("PENDING", result.get("invitation").get("emailDelivery").asText(), result::toString);
        }
        for (String email : emails) {
            String token = invitations().tokenFromMail(mail, email, 1);
            Eventually.until("the delivery of " + email + " recorded", () -> listed(email).get("emailDelivery").asText(),
                    "SENT"::equals);
            assertEquals(1, Mailbox.to(mail, email).size(), "one email per invitation");
            assertEquals(200, invitations().lookup(token).status(), "the mailed link works");
        }
    }

    @Test
    void aBulkInvitationWhoseEmailFailedIsRecordedSoAndResendingDeliversAWorkingLink() {
        String email = Invitations.newEmail();
        String id;
        try (MailServerDown down = new MailServerDown(demo)) {
            Http.Reply reply = Http.postJson(invitations().url() + "/bulk", invitations().directorToken(),
                    Map.of("invitations", List.of(Map.of("email", email))));
            id = reply.json().get("results").get(0).get("invitation").get("id").asText();
            Eventually.until("the failed delivery recorded", () -> listed(email).get("emailDelivery").asText(), "FAILED"::equals);
        }

        Http.Reply resent = Http.postJson(invitations().url() + "/" + id + "/resend", invitations().directorToken(), "");

        assertEquals("SENT", resent.json().get("emailDelivery").asText(), resent::toString);
        assertEquals(200, invitations().lookup(invitations().tokenFromMail(mail, email, 1)).status());
    }

    private JsonNode listed(String email) {
        return Http.get(invitations().url() + "?email=" + email, invitations().directorToken()).json().get(0);
    }
}
