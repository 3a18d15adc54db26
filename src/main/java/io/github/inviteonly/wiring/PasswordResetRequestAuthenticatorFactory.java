package io.github.inviteonly.wiring;

import io.github.inviteonly.flow.FlowStepFactory;
import io.github.inviteonly.reset.PasswordResetRequestAuthenticator;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;

/** Registers {@link PasswordResetRequestAuthenticator}: in the reset-credentials flow, instead of Send Reset Email. */
public class PasswordResetRequestAuthenticatorFactory extends FlowStepFactory<Authenticator> implements AuthenticatorFactory {

    public PasswordResetRequestAuthenticatorFactory() {
        super(new PasswordResetRequestAuthenticator(), PasswordResetRequestAuthenticator.ID, "Send reset request to an administrator",
                "Reset credentials: instead of emailing a link, records a password-reset request that an administrator "
                        + "approves or rejects. Replaces Send Reset Email, right after Choose User.");
    }
}
