package io.github.inviteonly.wiring;

import io.github.inviteonly.docs.ApiTags;
import io.github.inviteonly.invitation.InvitationPermissions;
import io.github.inviteonly.invitation.InvitationsAdminResource;
import io.github.inviteonly.manage.ManageAccess;
import io.github.inviteonly.reset.PasswordResetPermissions;
import io.github.inviteonly.reset.PasswordResetsAdminResource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
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

    @GET
    @Path("access")
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = ApiTags.MANAGE)
    @SecurityRequirement(name = "bearer")
    @SecurityRequirement(name = "oidc")
    @Operation(summary = "What the caller may do here",
            description = "Which parts of the admin API the caller may use in this realm, as the API itself decides: "
                    + "what the manage page offers. Permission: any user of the realm.")
    @APIResponse(responseCode = "200", description = "The caller and what they may do",
            content = @Content(schema = @Schema(implementation = ManageAccess.class)))
    @APIResponse(responseCode = "401", description = ApiTags.UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = "A token of another realm: Keycloak refuses it before the extension")
    public ManageAccess access() {
        InvitationPermissions invitations = new InvitationPermissions(auth);
        UserModel caller = auth.adminAuth().getUser();
        return new ManageAccess(caller.getId(), caller.getUsername(), new PasswordResetPermissions(auth).mayApprove(),
                invitations.mayView(), invitations.mayManage());
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
