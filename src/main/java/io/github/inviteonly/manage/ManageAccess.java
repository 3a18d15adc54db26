package io.github.inviteonly.manage;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the caller may do with the extension in this realm, as the admin API decides it: the manage page
 * shows only what these say (nothing here grants anything).
 */
public record ManageAccess(
        String userId,
        String username,
        @Schema(description = "May list, approve and reject password-reset requests (approve-password-resets or manage-users)")
        boolean passwordResets,
        @Schema(description = "May list invitations (view-invitations, manage-invitations, view-users or manage-users)")
        boolean viewInvitations,
        @Schema(description = "May create, resend and revoke invitations (manage-invitations or manage-users)")
        boolean manageInvitations) {
}
