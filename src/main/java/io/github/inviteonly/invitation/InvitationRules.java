package io.github.inviteonly.invitation;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.inviteonly.http.ApiException;
import io.github.inviteonly.i18n.KeycloakMessages;
import io.github.inviteonly.settings.RealmSettings;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.utils.RedirectUtils;
import org.keycloak.userprofile.UserProfile;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.validate.ValidationError;

/**
 * What an invitation may carry, checked when it is created or re-sent: names the realm's user profile
 * accepts, roles and groups within the caller's ceiling, a lifetime within the realm's bounds, a client
 * and redirect URI of the realm, a supported locale, and an address nobody has an account with yet.
 */
class InvitationRules {

    private final KeycloakSession session;
    private final RealmModel realm;

    InvitationRules(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * Names the invitation carries must pass the realm's user profile rules now, not only at sign-up, where
     * the form would refuse them (e.g. "Value contains invalid character").
     */
    void checkNames(InvitationRequest request) {
        Map<String, List<String>> attributes = new HashMap<>();
        attributes.put(UserModel.EMAIL, List.of(request.email()));
        if (request.firstName() != null) {
            attributes.put(UserModel.FIRST_NAME, List.of(request.firstName()));
        }
        if (request.lastName() != null) {
            attributes.put(UserModel.LAST_NAME, List.of(request.lastName()));
        }
        UserProfile profile = session.getProvider(UserProfileProvider.class).create(UserProfileContext.REGISTRATION, attributes);
        for (String field : List.of(UserModel.FIRST_NAME, UserModel.LAST_NAME)) {
            List<ValidationError> errors = new ArrayList<>();
            if (attributes.containsKey(field) && !profile.getAttributes().validate(field, errors::add) && !errors.isEmpty()) {
                ValidationError error = errors.get(0);
                throw ApiException.badRequest(field,
                        KeycloakMessages.format(session, error.getMessage(), error.getInputHintWithMessageParameters()));
            }
        }
    }

    List<String> checkRoles(List<String> names, InvitationPermissions permissions) {
        for (String name : names) {
            RoleModel role = realm.getRole(name);
            if (role == null) {
                throw ApiException.badRequest("roles", "Unknown realm role '" + name + "'");
            }
            permissions.requireGrantable(role);
        }
        return names;
    }

    List<String> checkGroups(List<String> paths, InvitationPermissions permissions) {
        List<String> canonical = new ArrayList<>();
        for (String path : paths) {
            String withSlash = path.startsWith("/") ? path : "/" + path;
            GroupModel group = KeycloakModelUtils.findGroupByPath(session, realm, withSlash);
            if (group == null) {
                throw ApiException.badRequest("groups", "Unknown group '" + path + "'");
            }
            permissions.requireGrantable(group, withSlash);
            canonical.add(withSlash);
        }
        return canonical;
    }

    long checkLifetime(Long requested) {
        RealmSettings settings = new RealmSettings(realm);
        long lifetime = requested != null ? requested : settings.invitationLifetimeSeconds();
        long min = settings.invitationMinLifetimeSeconds();
        long max = settings.invitationMaxLifetimeSeconds();
        if (lifetime < min || lifetime > max) {
            throw ApiException.badRequest("expiresInSeconds", "must be between " + min + " and " + max + " seconds");
        }
        return lifetime;
    }

    void checkClient(String clientId, String redirectUri) {
        if (clientId == null) {
            return;
        }
        ClientModel client = realm.getClientByClientId(clientId);
        if (client == null || !client.isEnabled()) {
            throw ApiException.badRequest("clientId", "Unknown or disabled client '" + clientId + "'");
        }
        if (redirectUri != null && InvitationLinks.allowedRedirect(session, client, redirectUri).isEmpty()) {
            throw ApiException.badRequest("redirectUri", RedirectUtils.verifyRedirectUri(session, redirectUri, client) == null
                    ? "is not a valid redirect URI of client '" + clientId + "'"
                    : "is allowed by client '" + clientId + "' only through a redirect URI whose '*' is not after a whole host "
                            + "and '/' (such as '*', 'https://*' or 'https://app.example.org*'), which would let an invitation "
                            + "send people to any site; "
                            + "add the app's own address to the client's redirect URIs");
        }
        if (InvitationLinks.landingUri(session, client, redirectUri).isEmpty()) {
            throw ApiException.badRequest("redirectUri", "is required: client '" + clientId + "' has no base URL");
        }
    }

    void checkLocale(String locale) {
        if (locale != null && realm.isInternationalizationEnabled()
                && realm.getSupportedLocalesStream().noneMatch(locale::equals)) {
            throw ApiException.badRequest("locale", "is not a supported locale of this realm");
        }
    }

    void requireNoUser(String email) {
        if (session.users().getUserByEmail(realm, email) != null) {
            throw ApiException.conflict("user_exists", "A user with this email address already exists", "email");
        }
    }
}
