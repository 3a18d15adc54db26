package io.github.inviteonly.invitation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.github.inviteonly.http.RealmLinks;
import io.github.inviteonly.realm.ExtensionClient;
import io.github.inviteonly.realm.ManageClient;
import io.github.inviteonly.settings.RealmSettings;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.utils.RedirectUtils;

/**
 * What the caller may put on an invitation in this realm, for a form to offer: exactly what
 * {@link InvitationRules} would accept from them (the same role and group ceiling).
 */
public record InvitationOptions(
        @Schema(description = "Realm roles the caller may grant (not the realm's default roles, which everyone gets)")
        List<Role> roles,
        @Schema(description = "Paths of the groups the caller may add members to")
        List<String> groups,
        @Schema(description = "Clients an invitation may land on, with the redirect URIs it may name")
        List<Landing> clients,
        Lifetime lifetime,
        @Schema(description = "The realm's supported locales; empty when internationalization is off")
        List<String> locales,
        @Schema(description = "The realm's default locale")
        String defaultLocale) {

    public record Role(String name, String description) {
    }

    /**
     * @param baseUrl where the invitee lands without a redirect URI; null when the client has none
     * @param redirectUris exact addresses accepted as an invitation's redirect URI
     */
    public record Landing(String clientId, String name, String baseUrl, List<String> redirectUris) {
    }

    /** In seconds. */
    public record Lifetime(long defaultSeconds, long minSeconds, long maxSeconds) {
    }

    static InvitationOptions of(KeycloakSession session, RealmModel realm, InvitationPermissions permissions) {
        RoleModel defaultRole = realm.getDefaultRole();
        List<Role> roles = realm.getRolesStream()
                .filter(role -> defaultRole == null || !role.getId().equals(defaultRole.getId()))
                .filter(permissions::mayGrant)
                .sorted(Comparator.comparing(RoleModel::getName))
                .map(role -> new Role(role.getName(), role.getDescription()))
                .toList();
        List<String> groups = realm.getTopLevelGroupsStream().flatMap(InvitationOptions::withSubGroups)
                .filter(permissions::mayGrant)
                .map(KeycloakModelUtils::buildGroupPath)
                .sorted()
                .toList();
        List<Landing> clients = realm.getClientsStream()
                .filter(InvitationOptions::mayLand)
                .map(client -> landing(session, client))
                .filter(landing -> landing.baseUrl() != null || !landing.redirectUris().isEmpty())
                .sorted(Comparator.comparing(Landing::clientId))
                .toList();
        RealmSettings settings = new RealmSettings(realm);
        Lifetime lifetime = new Lifetime(settings.invitationLifetimeSeconds(), settings.invitationMinLifetimeSeconds(),
                settings.invitationMaxLifetimeSeconds());
        List<String> locales = realm.isInternationalizationEnabled() ? realm.getSupportedLocalesStream().sorted().toList() : List.of();
        return new InvitationOptions(roles, groups, clients, lifetime, locales, realm.getDefaultLocale());
    }

    private static Stream<GroupModel> withSubGroups(GroupModel group) {
        return Stream.concat(Stream.of(group), group.getSubGroupsStream().flatMap(InvitationOptions::withSubGroups));
    }

    /** Enabled OpenID Connect clients that sign people in through the browser, other than the extension's own. */
    private static boolean mayLand(ClientModel client) {
        return client.isEnabled() && !client.isBearerOnly() && client.isStandardFlowEnabled()
                && OIDCLoginProtocol.LOGIN_PROTOCOL.equals(client.getProtocol())
                && !client.getClientId().equals(ExtensionClient.CLIENT_ID) && !client.getClientId().equals(ManageClient.CLIENT_ID);
    }

    /** The client's exact redirect URIs, and those ending in {@code /*} up to the slash, as create would accept them. */
    private static Landing landing(KeycloakSession session, ClientModel client) {
        Set<String> candidates = new LinkedHashSet<>();
        for (String uri : RedirectUtils.resolveValidRedirects(session, client.getRootUrl(), client.getRedirectUris())) {
            if (uri.endsWith("/*")) {
                candidates.add(uri.substring(0, uri.length() - 1));
            } else if (!uri.contains("*")) {
                candidates.add(uri);
            }
        }
        List<String> redirectUris = new ArrayList<>();
        candidates.stream().sorted()
                .filter(uri -> InvitationLinks.allowedRedirect(session, client, uri).isPresent())
                .forEach(redirectUris::add);
        String baseUrl = RealmLinks.baseUrl(session, client).map(Object::toString).orElse(null);
        return new Landing(client.getClientId(), client.getName(), baseUrl, redirectUris);
    }
}
