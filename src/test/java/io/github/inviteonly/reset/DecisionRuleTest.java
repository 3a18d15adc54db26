package io.github.inviteonly.reset;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.inviteonly.http.ApiException;
import org.junit.jupiter.api.Test;

class DecisionRuleTest {

    @Test
    void anApproverDecidesSomeoneElsesRequest() {
        assertDoesNotThrow(() -> DecisionRule.requireDecider(true, "alice", "sam"));
    }

    @Test
    void nobodyDecidesTheirOwnRequestWhateverTheirRole() {
        ApiException refused = assertThrows(ApiException.class, () -> DecisionRule.requireDecider(true, "alice", "alice"));
        assertEquals(403, refused.getResponse().getStatus());
        assertEquals("Nobody may decide their own password-reset request", refused.body().description());
    }

    @Test
    void withoutTheRoleNobodyDecides() {
        ApiException refused = assertThrows(ApiException.class, () -> DecisionRule.requireDecider(false, "dave", "sam"));
        assertEquals(403, refused.getResponse().getStatus());
        assertEquals(DecisionRule.NEEDS_ROLE, refused.body().description());
    }

    @Test
    void noLifetimeAskedForIsTheDefault() {
        assertEquals(1200, DecisionRule.linkLifetime(null, 1200, 300, 86_400, "expiresInSeconds"));
    }

    @Test
    void aLifetimeWithinTheBoundsIsTakenBoundsIncluded() {
        assertEquals(300, DecisionRule.linkLifetime(300L, 1200, 300, 86_400, "lifespan"));
        assertEquals(86_400, DecisionRule.linkLifetime(86_400L, 1200, 300, 86_400, "lifespan"));
    }

    @Test
    void aLifetimeOutsideTheBoundsIsRefusedNamingTheFieldAndTheBounds() {
        ApiException year = assertThrows(ApiException.class,
                () -> DecisionRule.linkLifetime(31_536_000L, 1200, 300, 86_400, "lifespan"));
        assertEquals(400, year.getResponse().getStatus());
        assertEquals("lifespan", year.body().field());
        assertEquals("must be between 300 and 86400 seconds", year.body().description());
        assertThrows(ApiException.class, () -> DecisionRule.linkLifetime(299L, 1200, 300, 86_400, "expiresInSeconds"));
    }

    @Test
    void anApprovalGoesAheadWhileTheAddressIsTheOneOfTheRequestWhateverItsCase() {
        assertDoesNotThrow(() -> DecisionRule.requireSameAddress("sam@example.com", "Sam@Example.com"));
    }

    @Test
    void anApprovalIsRefusedOnceTheAddressWasSwapped() {
        ApiException refused = assertThrows(ApiException.class,
                () -> DecisionRule.requireSameAddress("sam@example.com", "attacker@example.net"));
        assertEquals(409, refused.getResponse().getStatus());
        assertEquals("email_changed", refused.body().error());
    }

    @Test
    void anApprovalIsRefusedWhenTheAccountHasNoAddressAnyMore() {
        assertThrows(ApiException.class, () -> DecisionRule.requireSameAddress("sam@example.com", null));
    }

    @Test
    void afterTheOwnerCancelledNoCredentialResetWhileTheRequestWouldHaveBeenOpen() {
        ApiException refused = assertThrows(ApiException.class,
                () -> DecisionRule.requireNotCancelledByOwner(PasswordResetStatus.CANCELLED, 2_000, 1_999));
        assertEquals(409, refused.getResponse().getStatus());
        assertEquals("password_reset_cancelled", refused.body().error());
        assertEquals(DecisionRule.CANCELLED_BY_OWNER, refused.body().description());
    }

    @Test
    void aCancelWhoseTimeHasRunOutOrAnyOtherOutcomeLetsACredentialResetThrough() {
        assertDoesNotThrow(() -> DecisionRule.requireNotCancelledByOwner(PasswordResetStatus.CANCELLED, 2_000, 2_000));
        for (PasswordResetStatus other : PasswordResetStatus.values()) {
            if (other != PasswordResetStatus.CANCELLED) {
                assertDoesNotThrow(() -> DecisionRule.requireNotCancelledByOwner(other, 2_000, 1_000), other.name());
            }
        }
    }
}
