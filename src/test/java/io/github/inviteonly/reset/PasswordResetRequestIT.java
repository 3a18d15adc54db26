package io.github.inviteonly.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.Mailbox;
import io.github.inviteonly.support.PasswordResets;
import io.github.inviteonly.support.PasswordResets.Person;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

/** Asking for a reset: one answer for everybody, throttled, one open request per user, approvers told. */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class PasswordResetRequestIT {

    /** Limits count per fixed window; a window of a year keeps a test clear of a window's edge. */
    private static final String ONE_WINDOW = String.valueOf(365L * 24 * 3600);

    @InjectRealm(fromJson = DemoRealm.JSON, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm demo;

    @InjectMailServer
    MailServer mail;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    private PasswordResets resets;

    @BeforeEach
    void workflow() {
        resets = new PasswordResets(demo);
    }

    @Test
    void knownUnknownAndDisabledAddressesGetTheSameAnswer() {
        Person known = resets.newPerson();
        Person disabled = resets.newPerson();
        UserRepresentation disabledUser = demo.admin().users().get(disabled.id()).toRepresentation();
        disabledUser.setEnabled(false);
        demo.admin().users().get(disabled.id()).update(disabledUser);

        String ip = PasswordResets.newIp();
        Http.Reply forKnown = resets.ask(known.email(), ip);
        Http.Reply forUnknown = resets.ask("nobody-" + known.email());
        Http.Reply forDisabled = resets.ask(disabled.email());

        for (Http.Reply reply : List.of(forKnown, forUnknown, forDisabled)) {
            assertEquals(202, reply.status(), reply.toString());
            assertEquals(forKnown.raw().body(), reply.raw().body());
            assertEquals(forKnown.header("Content-Type"), reply.header("Content-Type"));
        }
        JsonNode recorded = resets.awaitRequestOf(known, "PENDING");
        assertEquals(known.email(), recorded.get("email").asText());
        assertEquals(ip, recorded.get("requestIp").asText());
        assertTrue(resets.requestsOf(disabled).isEmpty(), "a disabled account gets no request");
        assertTrue(demo.admin().users().get(known.id()).groups().stream()
                .anyMatch(g -> g.getName().equals("Password reset requests")), "the user is in the console's queue");

        List<EventRepresentation> events = demo.admin().getEvents(List.of("CUSTOM_REQUIRED_ACTION"), null, known.id(),
                null, null, null, 0, 5);
        assertEquals(recorded.get("id").asText(), events.get(0).getDetails().get(ResetRequests.RESET_ID_DETAIL));
        assertEquals(ResetRequests.REQUESTED_ACTION, events.get(0).getDetails().get("custom_required_action"));
    }

    @Test
    void approversAreToldWhoAskedWhenAndFromWhereWithALinkToTheUserInTheConsole() {
        Person person = resets.newPerson();
        int daveBefore = Mailbox.to(mail, DemoRealm.DAVE).size();

        String ip = PasswordResets.newIp();
        assertEquals(202, resets.ask(person.email(), ip).status());
        JsonNode request = resets.awaitRequestOf(person, "PENDING");

        MimeMessage notice = awaitMessageMentioning(DemoRealm.ALICE, person.email());
        String text = Mailbox.text(notice);
        assertTrue(text.contains(ip), text);
        assertTrue(text.contains(request.get("id").asText()), text);
        // With email as username, the address once, not "x@example.org (x@example.org)"; times without "Z".
        assertFalse(text.contains(person.email() + " (" + person.email() + ")"), text);
        assertTrue(text.contains(person.email() + " asked for a password reset"), text);
        assertFalse(text.contains(" Z (UTC)"), text);
        assertTrue(Mailbox.link(notice, "/admin/demo/console/").endsWith("#/demo/users/" + person.id() + "/settings"), text);
        assertTrue(Mailbox.to(mail, person.email()).isEmpty(), "nothing goes to the user before approval");
        assertEquals(daveBefore, Mailbox.to(mail, DemoRealm.DAVE).size(), "a director cannot approve and is not told");
    }

    @Test
    void aSecondRequestWhileOneIsOpenAddsNothing() throws Exception {
        Person person = resets.newPerson();
        resets.askAndAwait(person);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Http.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                replies.add(pool.submit(() -> resets.ask(person.email())));
            }
            for (Future<Http.Reply> reply : replies) {
                assertEquals(202, reply.get().status());
            }
        } finally {
            pool.shutdown();
        }
        awaitEvent(person, "already_requested");
        assertEquals(1, resets.requestsOf(person).size());
    }

    @Test
    void concurrentFirstRequestsRecordExactlyOne() throws Exception {
        Person person = resets.newPerson();
        demo.updateWithCleanup(r -> r.attribute("inviteOnly.passwordReset.maxRequestsPerAddress", "10"));
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Http.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                replies.add(pool.submit(() -> resets.ask(person.email())));
            }
            for (Future<Http.Reply> reply : replies) {
                assertEquals(202, reply.get().status());
            }
        } finally {
            pool.shutdown();
        }
        resets.awaitRequestOf(person, "PENDING");
        PasswordResets.pause(2000);
        assertEquals(1, resets.requestsOf(person).size());
    }

    @Test
    void requestsBeyondTheLimitPerAddressGetTheSameAnswerAndCreateNothing() {
        demo.updateWithCleanup(r -> r.attribute("inviteOnly.passwordReset.maxRequestsPerAddress", "1")
                .attribute("inviteOnly.passwordReset.throttleWindowSeconds", ONE_WINDOW));
        Person person = resets.newPerson();
        JsonNode first = resets.askAndAwait(person);
        assertEquals(200, resets.reject(first.get("id").asText(), resets.adminToken(), Map.of()).status());

        Http.Reply throttled = resets.ask(person.email());
        assertEquals(202, throttled.status());
        assertEquals(PasswordResetsResource.ACCEPTED.message(), throttled.json().get("message").asText());

        // A request of someone else, asked afterwards, is recorded; the throttled one never was.
        Person other = resets.newPerson();
        resets.askAndAwait(other);
        assertEquals(1, resets.requestsOf(person).size());
        assertEquals("REJECTED", resets.requestsOf(person).get(0).get("status").asText());
    }

    @Test
    void theLimitPerIpHoldsForEveryAddress() {
        demo.updateWithCleanup(r -> r.attribute("inviteOnly.passwordReset.maxRequestsPerIp", "2")
                .attribute("inviteOnly.passwordReset.throttleWindowSeconds", ONE_WINDOW));
        String ip = PasswordResets.newIp();
        Person first = resets.newPerson();
        Person second = resets.newPerson();
        Person third = resets.newPerson();

        assertEquals(202, resets.ask(first.email(), ip).status());
        assertEquals(202, resets.ask(second.email(), ip).status());
        Http.Reply throttled = resets.ask(third.email(), ip);

        assertEquals(202, throttled.status());
        assertEquals(PasswordResetsResource.ACCEPTED.message(), throttled.json().get("message").asText());
        resets.awaitRequestOf(first, "PENDING");
        resets.awaitRequestOf(second, "PENDING");
        assertEquals(202, resets.ask(third.email(), PasswordResets.newIp()).status());
        resets.awaitRequestOf(third, "PENDING");
        assertEquals(1, resets.requestsOf(third).size(), "only the request from another IP was recorded");
    }

    @Test
    void malformedRequestsAreRefusedNamingTheField() {
        assertError(Http.postJson(resets.publicUrl(), null, ""), null);
        assertError(Http.postJson(resets.publicUrl(), null, "{not json"), null);
        assertError(Http.postJson(resets.publicUrl(), null, Map.of()), "email");
        assertError(Http.postJson(resets.publicUrl(), null, Map.of("email", "not-an-address")), "email");
        assertError(Http.postJson(resets.publicUrl(), null, Map.of("email", 42)), "email");
        assertError(Http.postJson(resets.publicUrl(), null, Map.of("email", "a@example.org", "admin", true)), "admin");
    }

    @Test
    void aPendingRequestExpiresAndLeavesTheQueue() {
        Person person = resets.newPerson();
        JsonNode request = resets.askAndAwait(person);
        GroupRepresentation queue = demo.admin().groups().groups("Password reset requests", true, 0, 1, true).get(0);

        timeOffSet.set(3 * 24 * 3600 + 60);

        String bearer = resets.adminToken();
        JsonNode shown = Http.get(resets.url() + "/" + request.get("id").asText(), bearer).json();
        assertEquals("EXPIRED", shown.get("status").asText());
        assertTrue(java.util.stream.StreamSupport.stream(Http.get(resets.url() + "?status=EXPIRED&max=1000", bearer).json().spliterator(), false)
                .anyMatch(r -> r.get("id").asText().equals(request.get("id").asText())));
        assertEquals(409, resets.approve(request.get("id").asText(), bearer).status(), "an expired request cannot be approved");
        long deadline = System.currentTimeMillis() + 30_000;
        while (isMember(queue, person) && System.currentTimeMillis() < deadline) {
            PasswordResets.pause(500);
        }
        assertFalse(isMember(queue, person), "the sweep takes the user out of the queue group");
    }

    private boolean isMember(GroupRepresentation queue, Person person) {
        return demo.admin().groups().group(queue.getId()).members().stream().anyMatch(u -> u.getId().equals(person.id()));
    }

    private static void assertError(Http.Reply reply, String field) {
        assertEquals(400, reply.status(), reply.toString());
        assertNotNull(reply.json().get("error"), reply.toString());
        if (field != null) {
            assertEquals(field, reply.json().get("field").asText(), reply.toString());
        }
    }

    private void awaitEvent(Person person, String error) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (demo.admin().getEvents(List.of("CUSTOM_REQUIRED_ACTION_ERROR"), null, person.id(), null, null, null, 0, 10)
                    .stream().filter(e -> error.equals(e.getError())).count() >= 2) {
                return;
            }
            PasswordResets.pause(200);
        }
        throw new AssertionError("No two " + error + " events for " + person.email());
    }

    private MimeMessage awaitMessageMentioning(String address, String text) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            for (MimeMessage message : Mailbox.to(mail, address)) {
                if (Mailbox.text(message).contains(text)) {
                    return message;
                }
            }
            PasswordResets.pause(200);
        }
        throw new AssertionError("No message to " + address + " mentioning " + text);
    }
}
