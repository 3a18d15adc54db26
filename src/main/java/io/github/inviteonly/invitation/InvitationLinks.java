package io.github.inviteonly.invitation;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import io.github.inviteonly.http.RealmLinks;
import io.github.inviteonly.realm.ExtensionClient;
import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.OAuth2Constants;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.OIDCLoginProtocolService;
import org.keycloak.protocol.oidc.utils.OIDCResponseType;
import org.keycloak.protocol.oidc.utils.PkceUtils;
import org.keycloak.protocol.oidc.utils.RedirectUtils;

/**
 * The way from the invitation email to a signed-in invitee:
 * <ol>
 *   <li>the email links to our {@code invitations/sign-up}, which checks the invitation and shows a plain
 *   error page when it cannot be used;</li>
 *   <li>that sends the browser to Keycloak's registration page, run under the extension's own client
 *   (whatever client the invitation names: a public client that requires PKCE cannot be started by a
 *   link the server builds);</li>
 *   <li>after sign-up Keycloak returns to our {@code invitations/signed-up}, which sends the browser on to
 *   where the invitation says. That app (or the account console) then runs its own OpenID Connect login,
 *   which Keycloak completes from the new session without asking for the password again.</li>
 * </ol>
 */
final class InvitationLinks {

    /** Query parameter that carries the invitation into the registration flow (a ticket; in older links, the token). */
    static final String TOKEN_PARAM = "invitation";

    private InvitationLinks() {
    }

    /** The link in the invitation email. */
    static String emailLink(String base, RealmModel realm, String token) {
        return ownPath(UriBuilder.fromUri(base), "sign-up").queryParam("token", token).build(realm.getName()).toString();
    }

    /**
     * Keycloak's registration page for this invitation. The state names the invitation, for the way back.
     * The code Keycloak returns is never redeemed: its PKCE verifier is thrown away here, so nobody can.
     */
    static URI registrationPage(KeycloakSession session, RealmModel realm, InvitationEntity invitation, String ticket) {
        UriBuilder page = OIDCLoginProtocolService.registrationsUrl(session.getContext().getUri().getBaseUriBuilder())
                .queryParam(OAuth2Constants.CLIENT_ID, ExtensionClient.CLIENT_ID)
                .queryParam(OAuth2Constants.RESPONSE_TYPE, OIDCResponseType.CODE)
                .queryParam(OAuth2Constants.SCOPE, "openid")
                .queryParam(OAuth2Constants.REDIRECT_URI, ownPath(session, realm, "signed-up").build(realm.getName()))
                .queryParam(OAuth2Constants.STATE, invitation.getId())
                .queryParam(OAuth2Constants.CODE_CHALLENGE, PkceUtils.generateS256CodeChallenge(PkceUtils.generateCodeVerifier()))
                .queryParam(OAuth2Constants.CODE_CHALLENGE_METHOD, OAuth2Constants.PKCE_METHOD_S256)
                .queryParam(TOKEN_PARAM, ticket);
        if (invitation.getLocale() != null) {
            page.queryParam(OAuth2Constants.UI_LOCALES_PARAM, invitation.getLocale());
        }
        return page.buildFromMap(Map.of("realm", realm.getName(), "protocol", OIDCLoginProtocol.LOGIN_PROTOCOL));
    }

    /**
     * Where the invitee lands once signed up (and where a second click on a used link points): the
     * invitation's redirect URI if its client still allows it, else the client's base URL, and Keycloak's
     * account console without either.
     */
    static URI landing(KeycloakSession session, RealmModel realm, InvitationEntity invitation) {
        ClientModel client = invitation.getClientId() == null ? null : realm.getClientByClientId(invitation.getClientId());
        return Optional.ofNullable(client).flatMap(found -> landingUri(session, found, invitation.getRedirectUri()))
                .orElseGet(() -> RealmLinks.accountConsole(session, realm));
    }

    /** The redirect URI if the client allows it, or the client's base URL; empty when neither. */
    static Optional<URI> landingUri(KeycloakSession session, ClientModel client, String redirectUri) {
        return allowedRedirect(session, client, redirectUri).map(URI::create).or(() -> RealmLinks.baseUrl(session, client));
    }

    /**
     * The redirect URI as Keycloak's own validation resolves it against the client's redirect URIs as they are
     * now, its bare wildcards left out ({@link InvitationRedirects}); empty when they do not allow it.
     */
    static Optional<String> allowedRedirect(KeycloakSession session, ClientModel client, String redirectUri) {
        return redirectUri == null ? Optional.empty() : Optional.ofNullable(RedirectUtils.verifyRedirectUri(session,
                client.getRootUrl(), redirectUri, InvitationRedirects.withoutBareWildcards(client.getRedirectUris()), true));
    }

    private static UriBuilder ownPath(KeycloakSession session, RealmModel realm, String page) {
        return ownPath(session.getContext().getUri().getBaseUriBuilder(), page);
    }

    private static UriBuilder ownPath(UriBuilder base, String page) {
        return base.path("realms/{realm}/invite-only/invitations").path(page);
    }
}
