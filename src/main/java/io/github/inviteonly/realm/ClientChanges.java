package io.github.inviteonly.realm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.keycloak.representations.idm.ClientRepresentation;

/**
 * Which of the fields the extension sets on a client someone has changed since: a client whose fields are
 * all as created is still the extension's own and may be migrated; a changed one belongs to its administrator.
 */
final class ClientChanges {

    private ClientChanges() {
    }

    /** The names of the fields set in {@code created} that {@code existing} no longer has; empty when unchanged. */
    static List<String> between(ClientRepresentation created, ClientRepresentation existing) {
        List<String> changed = new ArrayList<>();
        compare(changed, "name", created, existing, ClientRepresentation::getName);
        compare(changed, "description", created, existing, ClientRepresentation::getDescription);
        compare(changed, "protocol", created, existing, ClientRepresentation::getProtocol);
        compare(changed, "publicClient", created, existing, ClientRepresentation::isPublicClient);
        compare(changed, "standardFlowEnabled", created, existing, ClientRepresentation::isStandardFlowEnabled);
        compare(changed, "implicitFlowEnabled", created, existing, ClientRepresentation::isImplicitFlowEnabled);
        compare(changed, "directAccessGrantsEnabled", created, existing, ClientRepresentation::isDirectAccessGrantsEnabled);
        compare(changed, "rootUrl", created, existing, ClientRepresentation::getRootUrl);
        compare(changed, "baseUrl", created, existing, ClientRepresentation::getBaseUrl);
        compare(changed, "redirectUris", created, existing, client -> asSet(client.getRedirectUris()));
        compare(changed, "webOrigins", created, existing, client -> asSet(client.getWebOrigins()));
        Map<String, String> attributes = Objects.requireNonNullElse(existing.getAttributes(), Map.of());
        created.getAttributes().forEach((name, value) -> {
            if (!value.equals(attributes.get(name))) {
                changed.add("attribute " + name);
            }
        });
        return changed;
    }

    private static <T> void compare(List<String> changed, String field, ClientRepresentation created,
                                    ClientRepresentation existing, Function<ClientRepresentation, T> value) {
        if (!Objects.equals(value.apply(created), value.apply(existing))) {
            changed.add(field);
        }
    }

    /** Keycloak keeps redirect URIs and web origins as sets: their order means nothing. */
    private static HashSet<String> asSet(Collection<String> values) {
        return values == null ? new HashSet<>() : new HashSet<>(values);
    }
}
