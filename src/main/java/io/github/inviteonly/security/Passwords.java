package io.github.inviteonly.security;

import io.github.inviteonly.http.ApiException;
import io.github.inviteonly.i18n.KeycloakMessages;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;

/** Setting a password the way Keycloak's own pages do: the realm's password policy first. */
public final class Passwords {

    private Passwords() {
    }

    /** @throws ApiException 400 naming {@code field}, with Keycloak's localized policy message */
    public static void set(KeycloakSession session, RealmModel realm, UserModel user, String password, String field) {
        PolicyError policyError = session.getProvider(PasswordPolicyManagerProvider.class).validate(realm, user, password);
        if (policyError != null) {
            throw ApiException.badRequest(field,
                    KeycloakMessages.format(session, policyError.getMessage(), policyError.getParameters()));
        }
        user.credentialManager().updateCredential(UserCredentialModel.password(password, false));
    }
}
