package io.github.inviteonly.http;

import java.net.URI;

import jakarta.ws.rs.core.Response;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.util.LocaleUtil;

/**
 * Pages for people who follow our emailed links, in the realm's login theme and language: Keycloak's
 * info page with our heading and message, so that an expected answer ("this link was used") does not
 * look like a server failure ("We are sorry…").
 */
public final class Pages {

    private Pages() {
    }

    /** {@link #message(LoginFormsProvider, Response.Status, String, String, URI)} outside a login flow. */
    public static Response message(KeycloakSession session, Response.Status status, String headerKey, String messageKey,
                                   URI next) {
        return message(form(session), status, headerKey, messageKey, next);
    }

    /**
     * The login theme's page renderer, outside a login flow, in the language chosen with the page's
     * language menu ({@code kc_locale}, remembered in Keycloak's locale cookie) when there is one.
     */
    public static LoginFormsProvider form(KeycloakSession session) {
        LocaleUtil.processLocaleParam(session, session.getContext().getRealm(), null);
        return session.getProvider(LoginFormsProvider.class);
    }

    /**
     * @param headerKey  message key of the heading
     * @param messageKey message key of the text
     * @param next       where the page's one link leads (Keycloak labels it "Back to application"); null for the
     *                   client's base URL when there is a client, else no link
     * @param messageParameters the text's {0}, {1}, …
     */
    public static Response message(LoginFormsProvider page, Response.Status status, String headerKey, String messageKey,
                                   URI next, Object... messageParameters) {
        page.setAttribute("messageHeader", headerKey).setInfo(messageKey, messageParameters);
        if (next != null) {
            page.setAttribute("pageRedirectUri", next.toString());
        }
        return Response.fromResponse(page.createInfoPage()).status(status).build();
    }

    /**
     * For a link whose token none of ours could be (e.g. with braces): Keycloak's page rendering reuses the
     * request's address and would fail on it, so the browser goes to the same page without the query.
     */
    public static Response withoutQuery(KeycloakSession session) {
        return Response.seeOther(session.getContext().getUri().getAbsolutePathBuilder().replaceQuery(null).build()).build();
    }
}
