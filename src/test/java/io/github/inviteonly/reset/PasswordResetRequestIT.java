package io.github.inviteonly.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.settings.RealmSettings;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Eventually;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.Mailbox;
import io.github.inviteonly.support.PasswordResetFixture;
import io.github.inviteonly.support.PasswordResets;
import io.github.inviteonly.support.PasswordResets.Person;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

/** Asking for a reset: one answer for everybody, throttled, one open request per user, approvers told. */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class PasswordResetRequestIT extends PasswordResetFixture {

    /** Limits count per fixed window; a window of a year keeps a test clear of a window's edge. */
    private static final String ONE_WINDOW = String.valueOf(365L * 24 * 3600);

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

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
        assertEquals(demo.getBaseUrl() + "/invite-only/manage/#/password-resets/" + request.get("id").asText(),
                Mailbox.link(notice, "/invite-only/manage/"), text);
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
        awaitEvents(person, "already_requested", 2);
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
        awaitEvents(person, "already_requested", 9); // every other one was told so: all ten are done
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

        awaitThrottled(person.email());
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
        awaitThrottled(third.email());
        assertEquals(List.of(), resets.requestsOf(third), "the third address was refused for its IP");
        String otherIp = PasswordResets.newIp();
        assertEquals(202, resets.ask(third.email(), otherIp).status());
        assertEquals(otherIp, resets.awaitRequestOf(third, "PENDING").get("requestIp").asText(),
                "from another IP, the same address is recorded");
    }

    @Test
    void fiftyColleaguesBehindOneAddressAskingOnceEachAreAllRecorded() {
        String office = PasswordResets.newIp();
        List<Person> colleagues = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            colleagues.add(resets.newPerson());
        }
        for (Person colleague : colleagues) {
            assertEquals(202, resets.ask(colleague.email(), office).status());
        }
        String bearer = resets.adminToken();
        Set<String> asked = colleagues.stream().map(Person::id).collect(Collectors.toSet());
        Set<String> recorded = Eventually.until("50 requests from " + office, () -> StreamSupport.stream(
                        Http.get(resets.url() + "?status=PENDING&max=1000", bearer).json().spliterator(), false)
                        .filter(r -> office.equals(r.path("requestIp").asText()))
                        .map(r -> r.get("userId").asText()).collect(Collectors.toSet()),
                ids -> ids.size() >= 50);
        assertEquals(asked, recorded, "every colleague's request is recorded under the default limit per IP");
    }

    @Test
    void theFourthAskForOneAddressInAnHourIsDroppedAndCountedByItsLimit() {
        demo.updateWithCleanup(r -> r.attribute("inviteOnly.passwordReset.throttleWindowSeconds", ONE_WINDOW));
        JsonNode before = dropped();
        Person person = resets.newPerson();
        resets.askAndAwait(person);
        assertEquals(202, resets.ask(person.email()).status());
        assertEquals(202, resets.ask(person.email()).status());
        awaitEvents(person, "already_requested", 2);

        assertEquals(202, resets.ask(person.email()).status(), "the fourth is answered as the others");

        awaitThrottled(person.email());
        JsonNode after = Eventually.until("the dropped ask counted", this::dropped,
                now -> now.get("perAddress").asLong() > before.get("perAddress").asLong());
        assertEquals(before.get("perAddress").asLong() + 1, after.get("perAddress").asLong(), after.toString());
        assertEquals(before.get("perIp").asLong(), after.get("perIp").asLong(), "the limit per IP dropped nothing");
        assertEquals(3600, after.get("periodSeconds").asLong());

        demo.updateWithCleanup(r -> r.attribute("inviteOnly.passwordReset.maxRequestsPerIp", "1"));
        String ip = PasswordResets.newIp();
        assertEquals(202, resets.ask(resets.newPerson().email(), ip).status());
        String third = resets.newPerson().email();
        assertEquals(202, resets.ask(third, ip).status());
        awaitThrottled(third);
        JsonNode byIp = Eventually.until("the ask dropped for its IP counted", this::dropped,
                now -> now.get("perIp").asLong() > after.get("perIp").asLong());
        assertEquals(after.get("perIp").asLong() + 1, byIp.get("perIp").asLong(), byIp.toString());
        assertEquals(after.get("perAddress").asLong(), byIp.get("perAddress").asLong(), byIp.toString());
        assertEquals(403, Http.get(resets.url() + "/count/dropped", DemoRealm.accessToken(demo, DemoRealm.SAM,
                DemoRealm.SAM_PASSWORD)).status(), "only approvers see the counts");
    }

    @Test
    void approversGetAtMostOneEmailInFiveMinutesListingWhatCameInSinceTheirLast() throws Exception {
        demo.updateWithCleanup(r -> r.attribute(RealmSettings.RESET_APPROVER_DIGEST, "300"));
        Person approver = resets.newPerson("approve-password-resets");
        Person otherApprover = resets.newPerson("approve-password-resets");
        Person first = resets.newPerson();
        Person second = resets.newPerson();
        Person third = resets.newPerson();

        resets.askAndAwait(first);
        for (Person each : List.of(approver, otherApprover)) {
            MimeMessage notice = Mailbox.waitFor(mail, each.email(), 1);
            assertTrue(Mailbox.text(notice).contains(first.email() + " asked for a password reset"), Mailbox.text(notice));
        }
        String secondId = resets.askAndAwait(second).get("id").asText();
        String thirdId = resets.askAndAwait(third).get("id").asText();
        sleep(4_000); // several rounds of the sweep (every second here)
        assertEquals(1, Mailbox.to(mail, approver.email()).size(), "nothing more within five minutes");
        assertEquals(1, Mailbox.to(mail, otherApprover.email()).size(), "nothing more within five minutes");

        timeOffSet.set(301);

        for (Person each : List.of(approver, otherApprover)) {
            MimeMessage digest = Mailbox.waitFor(mail, each.email(), 2);
            String text = Mailbox.text(digest);
            assertTrue(digest.getSubject().startsWith("2 password reset requests"), digest.getSubject());
            assertTrue(text.contains(second.email() + " asked for a password reset"), text);
            assertTrue(text.contains(third.email() + " asked for a password reset"), text);
            assertFalse(text.contains(first.email()), "the first was in the email before: " + text);
            assertTrue(Mailbox.link(digest, "#/password-resets/" + secondId).startsWith(demo.getBaseUrl() + "/invite-only/manage/"), text);
            assertTrue(Mailbox.link(digest, "#/password-resets/" + thirdId).startsWith(demo.getBaseUrl() + "/invite-only/manage/"), text);
        }
        sleep(2_000);
        assertEquals(2, Mailbox.to(mail, approver.email()).size(), "one email for both");
    }

    private JsonNode dropped() {
        Http.Reply reply = Http.get(resets.url() + "/count/dropped", resets.adminToken());
        assertEquals(200, reply.status(), reply.toString());
        return reply.json();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Stream<Arguments> malformedRequests() {
        return Stream.of(
                Arguments.of("", null),
                Arguments.of("{not json", null),
                Arguments.of(Map.of(), "email"),
                Arguments.of(Map.of("email", "not-an-address"), "email"),
                Arguments.of(Map.of("email", 42), "email"),
                Arguments.of(Map.of("email", "a@example.org", "admin", true), "admin"));
    }

    @ParameterizedTest
    @MethodSource("malformedRequests")
    void malformedRequestsAreRefusedNamingTheField(Object body, String field) {
        assertError(Http.postJson(resets.publicUrl(), null, body), field);
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
        Eventually.until("the sweep takes the user out of the queue group", () -> isMember(queue, person), member -> !member);
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

    private void awaitEvents(Person person, String error, int count) {
        Eventually.until(count + " " + error + " events for " + person.email(),
                () -> demo.admin().getEvents(List.of("CUSTOM_REQUIRED_ACTION_ERROR"), null, person.id(), null, null, null, 0, 100)
                        .stream().filter(e -> error.equals(e.getError())).count(),
                seen -> seen >= count);
    }

    /** The request for the address was answered and dropped by the throttle: its event says so. */
    private void awaitThrottled(String login) {
        Eventually.until("a throttled request for " + login,
                () -> demo.admin().getEvents(List.of("CUSTOM_REQUIRED_ACTION_ERROR"), null, null, null, null, null, 0, 1000)
                        .stream().anyMatch(e -> "throttled".equals(e.getError()) && login.equals(e.getDetails().get("username"))),
                Boolean::booleanValue);
    }

    private MimeMessage awaitMessageMentioning(String address, String text) {
        return Eventually.until("a message to " + address + " mentioning " + text,
                () -> Mailbox.to(mail, address).stream().filter(m -> Mailbox.text(m).contains(text)).findFirst(),
                Optional::isPresent).orElseThrow();
    }
}
