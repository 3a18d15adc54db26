package io.github.inviteonly.wiring;

import java.util.List;

import io.github.inviteonly.invitation.InvitationService;
import io.github.inviteonly.reset.ApproverDigest;
import io.github.inviteonly.reset.PasswordResetEventListener;
import io.github.inviteonly.reset.ResetDecisions;
import io.github.inviteonly.reset.ResetHousekeeping;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

/**
 * The extension's life beside Keycloak's: {@link RealmLifecycle} follows realms and users, the sweep (emails
 * left unsent too long, expired requests, approvers' held-back notices) runs on Keycloak's timer once the server has started, and {@link PasswordResetEventListener} sees every
 * realm's events ({@code isGlobal}: nobody has to add it to a realm's event listeners). Option:
 * {@code --spi-events-listener--invite-only-password-reset--sweep-interval-seconds} (default 60).
 */
public class InviteOnlyLifecycleFactory implements EventListenerProviderFactory {

    /** Named when only the reset listener lived here; kept, since the sweep option carries it. */
    public static final String ID = "invite-only-password-reset";
    private static final Logger LOG = Logger.getLogger(InviteOnlyLifecycleFactory.class);
    static final String SWEEP_INTERVAL = "sweepIntervalSeconds";
    static final long DEFAULT_SWEEP_INTERVAL_SECONDS = 60;

    private long sweepIntervalSeconds = DEFAULT_SWEEP_INTERVAL_SECONDS;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new PasswordResetEventListener(session);
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public void init(Config.Scope config) {
        sweepIntervalSeconds = Math.max(1, config.getLong(SWEEP_INTERVAL, DEFAULT_SWEEP_INTERVAL_SECONDS));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(RealmLifecycle::onEvent);
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                try (KeycloakSession session = factory.create()) {
                    session.getProvider(TimerProvider.class).scheduleTask(InviteOnlyLifecycleFactory::sweep,
                            sweepIntervalSeconds * 1000, ID + "-sweep");
                }
            }
        });
    }

    /**
     * One round, each step in a transaction of its own so that one failing leaves the others done: emails a
     * stopped node left unsent go out again (approvals before the expiry step could close them), then
     * expired reset requests are closed, then approvers get the requests held back for them once their digest interval has passed.
     */
    private static void sweep(KeycloakSession timer) {
        KeycloakSessionFactory factory = timer.getKeycloakSessionFactory();
        List<ScheduledTask> steps = List.of(InvitationService::resendStalePending, ResetDecisions::resendStalePending,
                ResetHousekeeping::sweep, ApproverDigest::sendDue);
        for (ScheduledTask step : steps) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, step::run);
            } catch (RuntimeException e) {
                LOG.warnf("A step of the sweep failed; the next round tries again: %s", e.toString());
            }
        }
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(SWEEP_INTERVAL).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("How often emails left unsent too long go out again and expired password-reset requests are closed")
                .defaultValue(DEFAULT_SWEEP_INTERVAL_SECONDS).add()
                .build();
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
