package io.github.inviteonly.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/** The invitation workflow of docs/workflows.md, as calls against the running server. */
public final class Invitations {

    private final ManagedRealm realm;

    public Invitations(ManagedRealm realm) {
        this.realm = realm;
    }

    public static String newEmail() {
        return "invitee-" + UUID.randomUUID().toString().substring(0, 12) + "@example.org";
    }

    /** A new top-level group of the realm; returns its path. */
    public String newGroup() {
        GroupRepresentation group = new GroupRepresentation();
        group.setName("team-" + UUID.randomUUID().toString().substring(0, 8));
        realm.admin().groups().add(group).close();
        return "/" + group.getName();
    }

    /** A new public client of the realm with these redirect URIs and base URL (null: none); closing deletes it. */
    public AppClient newClient(List<String> redirectUris, String baseUrl) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId("app-" + UUID.randomUUID().toString().substring(0, 8));
        client.setPublicClient(true);
        client.setRedirectUris(redirectUris);
        client.setBaseUrl(baseUrl);
        try (Response created = realm.admin().clients().create(client)) {
            if (created.getStatus() != 201) {
                throw new AssertionError("Client not created: " + created.getStatus());
            }
        }
        String id = realm.admin().clients().findByClientId(client.getClientId()).get(0).getId();
        return new AppClient(client.getClientId(), realm.admin().clients().get(id));
    }

    /** A client a test made; {@link #close()} deletes it. */
    public record AppClient(String clientId, ClientResource resource) implements AutoCloseable {

        public void redirectUris(List<String> redirectUris) {
            ClientRepresentation client = resource.toRepresentation();
            client.setRedirectUris(redirectUris);
            resource.update(client);
        }

        @Override
        public void close() {
            resource.remove();
        }
    }

    public String url() {
        return DemoRealm.adminApi(realm) + "/invitations";
    }

    public String publicUrl() {
        return DemoRealm.api(realm) + "/invitations";
    }

    public String directorToken() {
        return DemoRealm.accessToken(realm, DemoRealm.DAVE, DemoRealm.DAVE_PASSWORD);
    }

    public String adminToken() {
        return DemoRealm.accessToken(realm, DemoRealm.ALICE, DemoRealm.ALICE_PASSWORD);
    }

    public String salesToken() {
        return DemoRealm.accessToken(realm, DemoRealm.SAM, DemoRealm.SAM_PASSWORD);
    }

    public Http.Reply create(String bearer, Map<String, ?> body) {
        return Http.postJson(url(), bearer, body);
    }

    /** A fresh invitation by the director for a new address with the given roles; asserts 201. */
    public Http.Reply invite(String email, List<String> roles) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("firstName", "Ivy");
        body.put("roles", roles);
        Http.Reply reply = create(directorToken(), body);
        if (reply.status() != 201) {
            throw new AssertionError("Invitation not created: " + reply);
        }
        return reply;
    }

    /** Invites the address and returns the token from the invitation email. */
    public String inviteAndReadToken(MailServer mail, String email, List<String> roles) {
        invite(email, roles);
        return tokenFromMail(mail, email, 1);
    }

    public String tokenFromMail(MailServer mail, String email, int n) {
        MimeMessage message = Mailbox.waitFor(mail, email, n);
        return Mailbox.invitationToken(message);
    }

    public Http.Reply accept(String token, String password) {
        return Http.postJson(publicUrl() + "/accept", null,
                Map.of("token", token, "password", password, "firstName", "Ivy", "lastName", "Invitee"));
    }

    public Http.Reply lookup(String token) {
        return Http.postJson(publicUrl() + "/lookup", null, Map.of("token", token));
    }

    public Http.Reply get(String bearer, String id) {
        return Http.get(url() + "/" + id, bearer);
    }
}
