package io.github.inviteonly.i18n;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

import org.keycloak.models.KeycloakSession;
import org.keycloak.theme.Theme;

/**
 * Turns Keycloak message keys (password policy, user profile validation) into the text Keycloak's own
 * login pages would show, from the realm's login theme and its localization overrides.
 */
public final class KeycloakMessages {

    private KeycloakMessages() {
    }

    public static String format(KeycloakSession session, String key, Object... parameters) {
        try {
            Locale locale = session.getContext().resolveLocale(null);
            Properties messages = session.theme().getTheme(Theme.Type.LOGIN)
                    .getEnhancedMessages(session.getContext().getRealm(), locale);
            String pattern = messages.getProperty(key, key);
            return new MessageFormat(pattern, locale).format(parameters == null ? new Object[0] : parameters);
        } catch (IOException | IllegalArgumentException e) {
            return key;
        }
    }
}
