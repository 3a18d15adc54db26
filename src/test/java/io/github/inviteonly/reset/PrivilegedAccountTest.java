package io.github.inviteonly.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PrivilegedAccountTest {

    private static final long WEEK = 604800;
    private static final long NOW = 1_000_000_000_000L;

    @Test
    void anAccountWithoutPrivilegedRolesOrAddressChangeIsNotPrivileged() {
        PrivilegedAccount account = new PrivilegedAccount(List.of(), null, NOW, WEEK);
        assertFalse(account.privileged());
        assertEquals(List.of(), account.reasons());
    }

    @Test
    void eachHeldRoleIsAReason() {
        PrivilegedAccount account = new PrivilegedAccount(List.of("realm-admin", "payroll/approver"), null, NOW, WEEK);
        assertTrue(account.privileged());
        assertEquals(List.of("role:realm-admin", "role:payroll/approver"), account.reasons());
    }

    @Test
    void anAddressChangedWithinTheWindowMakesTheRequestPrivileged() {
        PrivilegedAccount account = new PrivilegedAccount(List.of(), NOW - WEEK * 1000, NOW, WEEK);
        assertEquals(List.of(PrivilegedAccount.RECENT_EMAIL_CHANGE), account.reasons());
    }

    @Test
    void anAddressChangedBeforeTheWindowDoesNot() {
        assertFalse(new PrivilegedAccount(List.of(), NOW - WEEK * 1000 - 1, NOW, WEEK).privileged());
    }

    @Test
    void zeroSecondsTurnsTheAddressRuleOff() {
        assertFalse(new PrivilegedAccount(List.of(), NOW - 1, NOW, 0).privileged());
    }

    @Test
    void rolesAndARecentChangeAreAllListed() {
        assertEquals(List.of("role:manage-users", PrivilegedAccount.RECENT_EMAIL_CHANGE),
                new PrivilegedAccount(List.of("manage-users"), NOW, NOW, WEEK).reasons());
    }
}
