package io.github.inviteonly.invitation;

import java.util.Map;

import org.keycloak.OAuth2Constants;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.OIDCLoginProtocolService;
import org.keycloak.protocol.oidc.utils.OIDCResponseType;
import org.keycloak.services.util.ResolveRelative;

/**
 * The link in an invitation email: Keycloak's own registration page for the invitation's client,
 * carrying the invitation token, which the registration form action checks.
 */
final class InvitationLinks {

    /** Query parameter that carries the invitation token into the registration flow. */
    static final String TOKEN_PARAM = "invitation";

    private InvitationLinks() {
    }

    /** The client the invitee lands in: the invitation's, or Keycloak's account console. */
    static String clientIdOf(InvitationEntity invitation) {
        return invitation.getClientId() != null ? invitation.getClientId() : Constants.ACCOUNT_MANAGEMENT_CLIENT_ID;
    }

    /** Where the invitee lands after sign-up: the invitation's redirect URI or the client's base URL. */
    static String landingUri(KeycloakSession session, ClientModel client, String redirectUri) {
        if (redirectUri != null) {
            return redirectUri;
        }
        return client.getBaseUrl() == null ? null
                : ResolveRelative.resolveRelativeUri(session, client.getRootUrl(), client.getBaseUrl());
    }

    static String registrationLink(KeycloakSession session, RealmModel realm, InvitationEntity invitation, String token) {
        ClientModel client = realm.getClientByClientId(clientIdOf(invitation));
        return OIDCLoginProtocolService.registrationsUrl(session.getContext().getUri().getBaseUriBuilder())
                .queryParam(OAuth2Constants.CLIENT_ID, client.getClientId())
                .queryParam(OAuth2Constants.RESPONSE_TYPE, OIDCResponseType.CODE)
                .queryParam(OAuth2Constants.SCOPE, "openid")
                .queryParam(OAuth2Constants.REDIRECT_URI, landingUri(session, client, invitation.getRedirectUri()))
                .queryParam(TOKEN_PARAM, token)
                .buildFromMap(Map.of("realm", realm.getName(), "protocol", OIDCLoginProtocol.LOGIN_PROTOCOL))
                .toString();
    }
}
