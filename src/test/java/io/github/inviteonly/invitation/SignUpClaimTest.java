package io.github.inviteonly.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import io.github.inviteonly.security.SecretToken;
import org.junit.jupiter.api.Test;

class SignUpClaimTest {

    private static InvitationEntity invitation(String id, String token) {
        InvitationEntity invitation = new InvitationEntity();
        invitation.setId(id);
        invitation.setTokenHash(SecretToken.hash(token));
        return invitation;
    }

    @Test
    void aClaimHoldsForTheInvitationWithTheTokenItWasMadeWith() {
        InvitationEntity invitation = invitation("0b6e6c1e-2f57-4a8e-9a4c-1d1e8f7c2a11", "first-token");
        SignUpClaim claim = SignUpClaim.parse(SignUpClaim.of(invitation).text()).orElseThrow();

        assertTrue(claim.holdsFor(invitation));
    }

    @Test
    void aResendEndsTheClaim() {
        InvitationEntity invitation = invitation("0b6e6c1e-2f57-4a8e-9a4c-1d1e8f7c2a11", "first-token");
        SignUpClaim claim = SignUpClaim.of(invitation);

        invitation.setTokenHash(SecretToken.hash("second-token"));

        assertFalse(claim.holdsFor(invitation));
    }

    @Test
    void aClaimHoldsForNoOtherInvitation() {
        SignUpClaim claim = SignUpClaim.of(invitation("0b6e6c1e-2f57-4a8e-9a4c-1d1e8f7c2a11", "token"));

        assertFalse(claim.holdsFor(invitation("5d1f0d3a-6c1b-4d55-8f0e-3b1a2c4d5e6f", "token")));
    }

    @Test
    void aBareIdOrNothingIsNoClaim() {
        assertEquals(Optional.empty(), SignUpClaim.parse("0b6e6c1e-2f57-4a8e-9a4c-1d1e8f7c2a11"));
        assertEquals(Optional.empty(), SignUpClaim.parse(null));
        assertEquals(Optional.empty(), SignUpClaim.parse(":abc"));
        assertEquals(Optional.empty(), SignUpClaim.parse("abc:"));
    }
}
