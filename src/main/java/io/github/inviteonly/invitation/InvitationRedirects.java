package io.github.inviteonly.invitation;

import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which of a client's redirect URIs an invitation may land on: all but the bare wildcards, those whose
 * {@code *} is not anchored in one site's path: nothing before it ({@code *}), only a scheme ({@code https://*},
 * {@code custom:*}), or a host not ended by {@code /} ({@code http*}, {@code https:/*},
 * {@code https://app.example.org*}, {@code https://app.example.org:*}). Keycloak matches a wildcard as a
 * prefix, so each of those also matches other sites (e.g. {@code https://app.example.org.evil.example/} or
 * {@code https://app.example.org:@evil.example/}). For an OpenID Connect login the app asked for that, but an
 * invitation's landing is chosen by the inviter, and through such a client it could send the invitee to any
 * site from our own {@code signed-up} address.
 */
final class InvitationRedirects {

    /** What may come before the {@code *} of an anchored wildcard: a path of this site, or a whole host and a {@code /}. */
    private static final Pattern ANCHORED = Pattern.compile("/(?!/).*|[A-Za-z][A-Za-z0-9+.-]*://[^/?#@]+/.*");

    private InvitationRedirects() {
    }

    static boolean isBareWildcard(String redirectUri) {
        int star = redirectUri.indexOf('*');
        return star >= 0 && !ANCHORED.matcher(redirectUri.substring(0, star)).matches();
    }

    static Set<String> withoutBareWildcards(Set<String> redirectUris) {
        return redirectUris.stream().filter(uri -> !isBareWildcard(uri)).collect(Collectors.toSet());
    }
}
