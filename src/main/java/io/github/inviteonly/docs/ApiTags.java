package io.github.inviteonly.docs;

/** The groups of operations in the OpenAPI document, and the permission texts they share. */
public final class ApiTags {

    public static final String ME = "Me";
    public static final String INVITATIONS = "Invitations";
    public static final String INVITATIONS_ADMIN = "Invitations (admin)";
    public static final String RESETS = "Password resets";
    public static final String RESETS_ADMIN = "Password resets (admin)";
    public static final String DOCS = "Documentation";

    public static final String VIEW_INVITATIONS = " Permission: realm-management view-invitations, manage-invitations, "
            + "view-users or manage-users.";
    public static final String MANAGE_INVITATIONS = " Permission: realm-management manage-invitations or manage-users.";
    public static final String APPROVE_RESETS = " Permission: realm-management approve-password-resets or manage-users.";
    public static final String PUBLIC = " Permission: none (public).";

    public static final String UNAUTHORIZED = "No valid bearer token of the realm";
    public static final String FORBIDDEN = "The caller lacks the permission";
    public static final String BAD_REQUEST = "Malformed input; `field` names the culprit";
    /** Answered by JAX-RS, before the operation runs, for a body whose Content-Type the operation does not consume. */
    public static final String UNSUPPORTED_MEDIA_TYPE = "The body's Content-Type is not the one the operation accepts (see its request body)";

    private ApiTags() {
    }
}
