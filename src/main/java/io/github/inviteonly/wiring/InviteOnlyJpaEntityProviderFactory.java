package io.github.inviteonly.wiring;

import java.util.List;

import io.github.inviteonly.invitation.InvitationEntity;
import io.github.inviteonly.reset.ApproverDigestEntity;
import io.github.inviteonly.reset.DigestItemEntity;
import io.github.inviteonly.reset.EmailChangeEntity;
import io.github.inviteonly.reset.PasswordResetEntity;
import io.github.inviteonly.reset.RequestCountEntity;
import io.github.inviteonly.reset.ResetApprovalEntity;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;

/**
 * Our tables live in Keycloak's own database. Liquibase applies {@code META-INF/invite-only/changelog.xml}
 * under Keycloak's database lock (tracked in its own changelog table), so every node of a cluster sees
 * the same schema. ChangeSets are only ever added, never edited.
 */
public class InviteOnlyJpaEntityProviderFactory implements JpaEntityProviderFactory, JpaEntityProvider,
        NoLifecycleFactory<JpaEntityProvider> {

    public static final String ID = "invite-only";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public List<Class<?>> getEntities() {
        return List.of(InvitationEntity.class, PasswordResetEntity.class, RequestCountEntity.class,
                EmailChangeEntity.class, ResetApprovalEntity.class, ApproverDigestEntity.class, DigestItemEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/invite-only/changelog.xml";
    }

    @Override
    public String getFactoryId() {
        return ID;
    }

    /** Closes the factory and the provider alike (both are this object): nothing to release. */
    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
