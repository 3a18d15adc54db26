package io.github.inviteonly.reset;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class ResetSignalsTest {

    @Test
    void loginsAreStoredWhenEventsAreSavedWithTheDefaultTypes() {
        assertTrue(ResetSignals.storesLogins(true, Set.of()));
    }

    @Test
    void loginsAreStoredWhenLoginIsAmongTheChosenTypes() {
        assertTrue(ResetSignals.storesLogins(true, Set.of("LOGIN", "LOGOUT")));
    }

    @Test
    void loginsAreNotStoredWhenOtherTypesAreChosen() {
        assertFalse(ResetSignals.storesLogins(true, Set.of("LOGOUT", "UPDATE_PASSWORD")));
    }

    @Test
    void nothingIsStoredWhenEventsAreOff() {
        assertFalse(ResetSignals.storesLogins(false, Set.of()));
        assertFalse(ResetSignals.storesLogins(false, Set.of("LOGIN")));
    }
}
