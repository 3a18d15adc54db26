package io.github.inviteonly.flow;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * What the factories of our authentication-flow steps (registration gate and form action, first broker
 * login and reset authenticators) have in common: one stateless step each, without configuration, that an
 * admin sets to Required or Disabled.
 */
public abstract class FlowStepFactory<S> {

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
            AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED};

    private final S step;
    private final String id;
    private final String displayType;
    private final String helpText;

    /**
     * @param step stateless, so one instance serves every request
     * @param id   the provider id that flows name: public, never to change
     */
    protected FlowStepFactory(S step, String id, String displayType, String helpText) {
        this.step = step;
        this.id = id;
        this.displayType = displayType;
        this.helpText = helpText;
    }

    public S create(KeycloakSession session) {
        return step;
    }

    public String getId() {
        return id;
    }

    public String getDisplayType() {
        return displayType;
    }

    public String getHelpText() {
        return helpText;
    }

    public String getReferenceCategory() {
        return null;
    }

    public boolean isConfigurable() {
        return false;
    }

    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENTS.clone();
    }

    public boolean isUserSetupAllowed() {
        return false;
    }

    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    public void init(Config.Scope config) {
    }

    public void postInit(KeycloakSessionFactory factory) {
    }

    public void close() {
    }
}
