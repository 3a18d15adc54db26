package io.github.inviteonly.i18n;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/** Exact spacing and words between date and time differ between JDKs' locale data; the parts do not. */
class LocalizedTimesTest {

    private static final long AFTERNOON = Instant.parse("2026-11-30T14:59:38Z").toEpochMilli();

    @Test
    void englishDatesReadAsAPersonWritesThemWithoutSecondsOrZoneLetters() {
        String english = LocalizedTimes.format(AFTERNOON, Locale.ENGLISH);
        assertTrue(english.startsWith("November 30, 2026"), english);
        assertTrue(english.contains("2:59"), english);
        assertFalse(english.contains(":38"), english);
        assertFalse(english.endsWith("Z"), english);
    }

    @Test
    void germanDatesUseGermanMonthsAndTheTwentyFourHourClock() {
        String german = LocalizedTimes.format(AFTERNOON, Locale.GERMAN);
        assertTrue(german.startsWith("30. November 2026"), german);
        assertTrue(german.endsWith("14:59"), german);
    }
}
