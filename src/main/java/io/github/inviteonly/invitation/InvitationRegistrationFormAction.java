package io.github.inviteonly.invitation;

import java.util.List;
import java.util.Optional;

import io.github.inviteonly.flow.FlowStep;
import io.github.inviteonly.mail.EmailAddresses;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.authentication.FormAction;
import org.keycloak.authentication.FormContext;
import org.keycloak.authentication.ValidationContext;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

/**
 * Makes Keycloak's own registration form invite-only. Placed after "Registration User Profile
 * Creation" in a copy of the registration form flow, behind {@link InvitationRegistrationGate}: the
 * address of the invitation is filled in, and the form is accepted only with a valid invitation and
 * that address. Then the new user gets the invitation's roles and groups and the invitation is ACCEPTED.
 */
public class InvitationRegistrationFormAction extends FlowStep implements FormAction {

    public static final String ID = "invite-only-registration-invitation";

    static final String EMAIL_MISMATCH_MESSAGE = "inviteOnlyInvitationEmailMismatch";

    @Override
    public void buildPage(FormContext context, LoginFormsProvider form) {
        Optional<InvitationEntity> invitation = invitation(context);
        if (invitation.isEmpty()) {
            // A realm set up before the gate existed has only this step: it reads the link's token itself.
            String token = context.getHttpRequest().getUri().getQueryParameters().getFirst(InvitationLinks.TOKEN_PARAM);
            invitation = InvitationRegistrationGate.remember(context.getSession(), context.getAuthenticationSession(), token);
            if (invitation.isEmpty()) {
                form.setError(InvitationRegistrationGate.refusalMessage(context.getAuthenticationSession(), token));
                return;
            }
        }
        form.setFormData(prefilled(invitation.get()));
    }

    @Override
    public void validate(ValidationContext context) {
        MultivaluedMap<String, String> formData = context.getHttpRequest().getDecodedFormParameters();
        Optional<InvitationEntity> invitation = invitation(context);
        if (invitation.isEmpty()) {
            context.error(Errors.INVALID_REGISTRATION);
            context.validationError(formData, List.of(new FormMessage(null,
                    InvitationRegistrationGate.refusalMessage(context.getAuthenticationSession(), null))));
            return;
        }
        String email = formData.getFirst(UserModel.EMAIL);
        if (email == null || !invitation.get().getEmail().equals(EmailAddresses.normalize(email))) {
            context.error(Errors.INVALID_REGISTRATION);
            context.validationError(formData, List.of(new FormMessage(UserModel.EMAIL, EMAIL_MISMATCH_MESSAGE)));
            return;
        }
        // Keycloak sends the REGISTER event from the user-creation step's success(), before ours runs.
        context.getEvent().detail(InvitationAcceptance.INVITATION_ID_DETAIL, invitation.get().getId());
        context.success();
    }

    @Override
    public void success(FormContext context) {
        String claim = context.getAuthenticationSession().getAuthNote(InvitationRegistrationGate.INVITATION_NOTE);
        new InvitationAcceptance(context.getSession()).completeRegistration(claim, context.getUser());
        context.getAuthenticationSession().removeAuthNote(InvitationRegistrationGate.INVITATION_NOTE);
    }

    private static Optional<InvitationEntity> invitation(FormContext context) {
        String claim = context.getAuthenticationSession().getAuthNote(InvitationRegistrationGate.INVITATION_NOTE);
        return claim == null ? Optional.empty() : new InvitationAcceptance(context.getSession()).findUsableByClaim(claim);
    }

    private static MultivaluedMap<String, String> prefilled(InvitationEntity invitation) {
        MultivaluedMap<String, String> formData = new MultivaluedHashMap<>();
        formData.putSingle(UserModel.EMAIL, invitation.getEmail());
        if (invitation.getFirstName() != null) {
            formData.putSingle(UserModel.FIRST_NAME, invitation.getFirstName());
        }
        if (invitation.getLastName() != null) {
            formData.putSingle(UserModel.LAST_NAME, invitation.getLastName());
        }
        return formData;
    }
}
