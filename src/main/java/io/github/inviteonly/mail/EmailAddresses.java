package io.github.inviteonly.mail;

import java.util.Locale;

/** One spelling per mailbox: {@code " Carol@X "} and {@code "carol@x"} are one person everywhere we compare. */
public final class EmailAddresses {

    /** Keycloak's column for addresses is 255 characters wide. */
    public static final int MAX_LENGTH = 255;

    private EmailAddresses() {
    }

    public static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
