package io.github.inviteonly.docs;

/**
 * Keycloak's OpenID Connect endpoints of a realm, as the OpenAPI document names them. Used at build time
 * by {@link OpenApiDefinition} and at run time by {@link OpenApiDocument}; kept apart from the former,
 * which implements MicroProfile OpenAPI's {@code OASFilter}: Keycloak 26.4 does not ship that API, so
 * nothing the server runs may load {@link OpenApiDefinition}.
 */
final class OidcEndpoints {

    static final String AUTH = "auth";
    static final String TOKEN = "token";

    private OidcEndpoints() {
    }

    /** Keycloak's OpenID Connect endpoint {@code auth} or {@code token} of a realm. */
    static String of(String server, String realm, String endpoint) {
        return server + "/realms/" + realm + "/protocol/openid-connect/" + endpoint;
    }
}
