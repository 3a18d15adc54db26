package io.github.inviteonly.wiring;

import io.github.inviteonly.invitation.InvitationPermissions;
import io.github.inviteonly.invitation.InvitationsAdminResource;
import io.github.inviteonly.reset.PasswordResetPermissions;
import io.github.inviteonly.reset.PasswordResetsAdminResource;
import jakarta.ws.rs.Path;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Root of the admin API, mounted by Keycloak at {@code /admin/realms/{realm}/invite-only}. Keycloak has
 * authenticated the caller; each locator lets in only who may use its part at all (as Keycloak's own
 * admin resources check at theirs), and writes that need more check that themselves.
 */
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
        InvitationPermissions permissions = new InvitationPermissions(auth);
        permissions.requireView();
        return new InvitationsAdminResource(session, permissions, adminEvent);
    }

    @Path("password-resets")
    public PasswordResetsAdminResource passwordResets() {
        PasswordResetPermissions permissions = new PasswordResetPermissions(auth);
        permissions.requireApprover();
        return new PasswordResetsAdminResource(session, permissions, adminEvent);
    }
}
