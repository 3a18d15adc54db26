package io.github.inviteonly.realm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;

class ClientChangesTest {

    @Test
    void aClientAsCreatedHasNoChangesWhateverKeycloakAddedOrHowItOrdersSets() {
        ClientRepresentation existing = created();
        existing.setRedirectUris(List.of("/b", "/a"));
        Map<String, String> attributes = new HashMap<>(existing.getAttributes());
        attributes.put("backchannel.logout.session.required", "true");
        existing.setAttributes(attributes);
        existing.setFullScopeAllowed(true);
        existing.setConsentRequired(false);

        assertEquals(List.of(), ClientChanges.between(created(), existing));
    }

    @Test
    void eachChangedFieldIsNamed() {
        ClientRepresentation existing = created();
        existing.setName("Renamed");
        existing.setDirectAccessGrantsEnabled(true);
        existing.setWebOrigins(List.of("https://app.example"));
        existing.setAttributes(Map.of("post.logout.redirect.uris", "+"));

        assertEquals(List.of("name", "directAccessGrantsEnabled", "webOrigins", "attribute pkce.code.challenge.method"),
                ClientChanges.between(created(), existing));
    }

    @Test
    void aClientWithoutAttributesLacksOurs() {
        ClientRepresentation existing = created();
        existing.setAttributes(null);

        assertEquals(2, ClientChanges.between(created(), existing).size());
    }

    private static ClientRepresentation created() {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId("invite-only");
        client.setName("Page");
        client.setDescription("Created by the extension.");
        client.setProtocol("openid-connect");
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setImplicitFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        client.setRootUrl("${authBaseUrl}");
        client.setBaseUrl("/a");
        client.setRedirectUris(List.of("/a", "/b"));
        client.setWebOrigins(List.of("+"));
        client.setAttributes(Map.of("pkce.code.challenge.method", "S256", "post.logout.redirect.uris", "+"));
        return client;
    }
}
