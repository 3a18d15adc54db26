package io.github.inviteonly.i18n;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * Dates in emails: the date in long form and the time to the minute, in the reader's language, in UTC
 * (the server does not know their zone; the messages say "(UTC)"). A long time style would add "Z".
 */
public final class LocalizedTimes {

    private LocalizedTimes() {
    }

    public static String format(long epochMillis, Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(locale).withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(epochMillis));
    }
}
