package io.github.inviteonly.wiring;

import io.github.inviteonly.docs.DocsResource;
import io.github.inviteonly.http.PublicResource;
import io.github.inviteonly.invitation.InvitationsResource;
import io.github.inviteonly.me.MeResource;
import io.github.inviteonly.reset.PasswordResetsResource;
import jakarta.ws.rs.Path;
import org.keycloak.models.KeycloakSession;

/** Root of the public API, mounted by Keycloak at {@code /realms/{realm}/invite-only}. */
public class InviteOnlyResource extends PublicResource {

    public InviteOnlyResource(KeycloakSession session) {
        super(session);
    }

    @Path("me")
    public MeResource me() {
        return new MeResource(session);
    }

    @Path("invitations")
    public InvitationsResource invitations() {
        return new InvitationsResource(session);
    }

    /** {@code openapi.json}, {@code openapi.yaml}, {@code docs} and {@code redoc}: a locator without a path of its own. */
    @Path("")
    public DocsResource docs() {
        return new DocsResource(session);
    }

    @Path("password-resets")
    public PasswordResetsResource passwordResets() {
        return new PasswordResetsResource(session);
    }
}
