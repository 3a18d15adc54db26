package io.github.inviteonly.reset;

/** Where an approver decided: our admin REST API, or Keycloak's admin console as it ships. */
public enum DecisionChannel {
    API, CONSOLE
}
