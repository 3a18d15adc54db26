package io.github.inviteonly.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

class WhereTest {

    @Test
    void conditionsAreJoinedWithAndEachInParenthesesWithTheirParameters() {
        Where where = Where.of("r.realmId = :realmId", "realmId", "demo")
                .and("r.email LIKE :search OR r.name LIKE :search", "search", "%c%")
                .and("r.expiresAt > :now", "now", 5L);

        assertEquals("(r.realmId = :realmId) AND (r.email LIKE :search OR r.name LIKE :search) AND (r.expiresAt > :now)",
                where.clause());
        assertEquals(Map.of("realmId", "demo", "search", "%c%", "now", 5L), where.parameters());
    }

    @Test
    void aParameterTheConditionDoesNotNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Where.of("r.realmId = :realm", "realmId", "demo"));
    }

    @Test
    void namesAndValuesComeInPairs() {
        assertThrows(IllegalArgumentException.class, () -> Where.of("r.id = :id", "id"));
    }

    @Test
    void oneNameCannotStandForTwoValues() {
        Where where = Where.of("r.a > :now", "now", 1L);

        assertThrows(IllegalArgumentException.class, () -> where.and("r.b < :now", "now", 2L));
    }
}
