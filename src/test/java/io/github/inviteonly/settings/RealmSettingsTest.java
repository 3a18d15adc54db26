package io.github.inviteonly.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;

/** Realm attributes as numbers: defaults when absent or not positive numbers, and the reset link's bounds. */
class RealmSettingsTest {

    private static RealmSettings of(Map<String, String> attributes) {
        RealmModel realm = (RealmModel) Proxy.newProxyInstance(RealmModel.class.getClassLoader(), new Class<?>[] {RealmModel.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("getAttribute") && arguments.length == 1) {
                        return attributes.get((String) arguments[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new RealmSettings(realm);
    }

    @Test
    void withoutAttributesTheLinkLifetimeIs20MinutesAndAnApproverMayChooseFrom5MinutesToADay() {
        RealmSettings settings = of(Map.of());
        assertEquals(1200, settings.resetLinkLifetimeSeconds());
        assertEquals(300, settings.resetMinLinkLifetimeSeconds());
        assertEquals(86400, settings.resetMaxLinkLifetimeSeconds());
    }

    @Test
    void theRealmSetsTheBounds() {
        RealmSettings settings = of(Map.of(RealmSettings.RESET_MIN_LINK_LIFETIME, " 600 ", RealmSettings.RESET_MAX_LINK_LIFETIME, "7200"));
        assertEquals(600, settings.resetMinLinkLifetimeSeconds());
        assertEquals(7200, settings.resetMaxLinkLifetimeSeconds());
    }

    @Test
    void aMaximumBelowTheMinimumIsTheMinimum() {
        RealmSettings settings = of(Map.of(RealmSettings.RESET_MIN_LINK_LIFETIME, "3600", RealmSettings.RESET_MAX_LINK_LIFETIME, "60"));
        assertEquals(3600, settings.resetMaxLinkLifetimeSeconds());
    }

    @Test
    void valuesThatAreNotPositiveNumbersFallBackToTheDefaults() {
        for (String bad : new String[] {"", "abc", "0", "-5", "1.5"}) {
            RealmSettings settings = of(Map.of(RealmSettings.RESET_MIN_LINK_LIFETIME, bad, RealmSettings.RESET_MAX_LINK_LIFETIME, bad));
            assertEquals(300, settings.resetMinLinkLifetimeSeconds(), bad);
            assertEquals(86400, settings.resetMaxLinkLifetimeSeconds(), bad);
        }
    }

    @Test
    void anEmailLeftPendingIsSentAgainAfterFiveMinutesUnlessTheRealmSaysOtherwise() {
        assertEquals(300, of(Map.of()).emailResendPendingAfterSeconds());
        assertEquals(30, of(Map.of(RealmSettings.EMAIL_RESEND_PENDING_AFTER, "30")).emailResendPendingAfterSeconds());
    }

    @Test
    void privilegedRolesAreACommaSeparatedListOfRealmAndClientRoles() {
        assertEquals(List.of("auditor", "payroll/approver"),
                of(Map.of(RealmSettings.RESET_PRIVILEGED_ROLES, " auditor, ,payroll/approver,auditor ")).resetPrivilegedRoles());
        assertEquals(List.of(), of(Map.of()).resetPrivilegedRoles());
    }

    @Test
    void aRecentAddressChangeIsAWeekUnlessTheRealmSaysOtherwiseAndZeroTurnsItOff() {
        assertEquals(604800, of(Map.of()).resetRecentEmailChangeSeconds());
        assertEquals(0, of(Map.of(RealmSettings.RESET_RECENT_EMAIL_CHANGE, "0")).resetRecentEmailChangeSeconds());
        assertEquals(604800, of(Map.of(RealmSettings.RESET_RECENT_EMAIL_CHANGE, "-5")).resetRecentEmailChangeSeconds());
    }

    @Test
    void withoutACoolingOffAnApprovedLinkWorksAtOnceAndNonsenseMeansNone() {
        assertEquals(0, of(Map.of()).resetCoolingOffSeconds());
        assertEquals(3600, of(Map.of(RealmSettings.RESET_COOLING_OFF, " 3600 ")).resetCoolingOffSeconds());
        for (String bad : new String[] {"", "abc", "-5", "1.5"}) {
            assertEquals(0, of(Map.of(RealmSettings.RESET_COOLING_OFF, bad)).resetCoolingOffSeconds(), bad);
        }
    }

    @Test
    void fiftyColleaguesBehindOneAddressFitTheDefaultLimitPerIp() {
        assertEquals(200, of(Map.of()).resetMaxRequestsPerIp());
        assertEquals(3, of(Map.of()).resetMaxRequestsPerAddress());
    }

    @Test
    void approversHearOfNewRequestsAtMostEveryFiveMinutesUnlessTheRealmSaysOtherwise() {
        assertEquals(300, of(Map.of()).resetApproverDigestSeconds());
        assertEquals(2, of(Map.of(RealmSettings.RESET_APPROVER_DIGEST, "2")).resetApproverDigestSeconds());
        assertEquals(0, of(Map.of(RealmSettings.RESET_APPROVER_DIGEST, "0")).resetApproverDigestSeconds(), "0: each at once");
        assertEquals(300, of(Map.of(RealmSettings.RESET_APPROVER_DIGEST, "-1")).resetApproverDigestSeconds());
    }
}
