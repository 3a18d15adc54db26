package io.github.inviteonly.wiring;

import io.github.inviteonly.flow.FlowStepFactory;
import io.github.inviteonly.invitation.InvitationRegistrationFormAction;
import org.keycloak.authentication.FormAction;
import org.keycloak.authentication.FormActionFactory;

/** Registers {@link InvitationRegistrationFormAction}: in the registration form, after the user profile step. */
public class InvitationRegistrationFormActionFactory extends FlowStepFactory<FormAction> implements FormActionFactory {

    public InvitationRegistrationFormActionFactory() {
        super(new InvitationRegistrationFormAction(), InvitationRegistrationFormAction.ID, "Invitation required",
                "Accepts a registration only with a valid invitation for the entered email address; applies the "
                        + "invitation's roles and groups. Place it after Registration User Profile Creation.");
    }
}
