package io.github.inviteonly.invitation;

import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which of a client's redirect URIs an invitation may land on: all but the bare wildcards, those with no
 * host before the {@code *} ({@code *}, {@code https://*}, {@code http://*}, {@code custom:*}). Keycloak
 * lets a client with one redirect anywhere; for an OpenID Connect login the app asked for that, but an
 * invitation's landing is chosen by the inviter, and through such a client it could send the invitee to any
 * site from our own {@code signed-up} address.
 */
final class InvitationRedirects {

    /** Nothing, or only a scheme (with or without {@code //}): what comes before the {@code *} of a bare wildcard. */
    private static final Pattern NO_HOST = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*:(//)?)?");

    private InvitationRedirects() {
    }

    static boolean isBareWildcard(String redirectUri) {
        int star = redirectUri.indexOf('*');
        return star >= 0 && NO_HOST.matcher(redirectUri.substring(0, star)).matches();
    }

    static Set<String> withoutBareWildcards(Set<String> redirectUris) {
        return redirectUris.stream().filter(uri -> !isBareWildcard(uri)).collect(Collectors.toSet());
    }
}
