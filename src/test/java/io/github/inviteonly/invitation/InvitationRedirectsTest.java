package io.github.inviteonly.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InvitationRedirectsTest {

    @ParameterizedTest
    @ValueSource(strings = {"*", "https://*", "http://*", "myapp:*", "myapp://*", "http*", "h*", "https:/*", "//*",
            "https://app.example.org*", "https://app.example.org:*", "https://user@app.example.org/*"})
    void aWildcardNotAnchoredInOneSitesPathIsBare(String redirectUri) {
        assertTrue(InvitationRedirects.isBareWildcard(redirectUri));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:3000/*", "https://app.example.org/*", "https://app.example.org:8443/app*",
            "/*", "/app/*", "https://app.example.org/callback", "myapp://callback/*"})
    void aWildcardAfterAWholeHostOrInAPathIsNot(String redirectUri) {
        assertFalse(InvitationRedirects.isBareWildcard(redirectUri));
    }

    @Test
    void onlyTheBareWildcardsAreLeftOut() {
        assertEquals(Set.of("http://localhost:3000/*", "/app/*"),
                InvitationRedirects.withoutBareWildcards(Set.of("*", "https://*", "http://localhost:3000/*", "/app/*")));
    }
}
