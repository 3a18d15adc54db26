package io.github.inviteonly.http;

import io.github.inviteonly.invitation.InvitationsAdminResource;
import io.github.inviteonly.reset.PasswordResetsAdminResource;
import jakarta.ws.rs.Path;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Root of the admin API, mounted by Keycloak at {@code /admin/realms/{realm}/invite-only}. */
public class InviteOnlyAdminResource {

    private final KeycloakSession session;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public InviteOnlyAdminResource(KeycloakSession session, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    @Path("invitations")
    public InvitationsAdminResource invitations() {
        return new InvitationsAdminResource(session, auth, adminEvent);
    }

    @Path("password-resets")
    public PasswordResetsAdminResource passwordResets() {
        return new PasswordResetsAdminResource(session, auth, adminEvent);
    }
}
