package io.github.inviteonly.reset;

import io.github.inviteonly.http.ApiException;

/**
 * Who may decide a password-reset request, and for how long its link may work: one rule over plain
 * values for both doors, our admin API ({@link ResetDecisions}) and Keycloak's console
 * ({@link ConsoleDecisions}), so that neither lets through what the other refuses.
 */
final class DecisionRule {

    static final String NEEDS_ROLE = "Password-reset requests need approve-password-resets or manage-users";
    static final String OWN_REQUEST = "Nobody may decide their own password-reset request";
    /** The error of an approval refused because the account's address changed since the request. */
    static final String EMAIL_CHANGED = "email_changed";
    static final String CANCELLED_BY_OWNER = "The account's owner cancelled their password-reset request (\"this wasn't me\"):"
            + " no reset link is sent while it would have been open; the owner may ask again";

    private DecisionRule() {
    }

    /**
     * @param deciderMayApprove whether the decider holds {@code approve-password-resets} or {@code manage-users}
     *                          ({@link PasswordResetPermissions#mayApprove()})
     */
    static void requireDecider(boolean deciderMayApprove, String deciderId, String requesterId) {
        if (!deciderMayApprove) {
            throw ApiException.forbidden(NEEDS_ROLE);
        }
        if (requesterId.equals(deciderId)) {
            throw ApiException.forbidden(OWN_REQUEST);
        }
    }

    /**
     * The link of an approval goes only to the address the request was made for: if the account's address is
     * another one now, someone may have swapped it to take the account over.
     */
    static void requireSameAddress(String requestedFor, String current) {
        if (current == null || !sameAddress(requestedFor, current)) {
            throw ApiException.conflict(EMAIL_CHANGED, "The account's email address is no longer " + requestedFor
                    + ", the address this request was made for; nothing was sent", null);
        }
    }

    /** Addresses compare without case, as Keycloak stores them. */
    static boolean sameAddress(String a, String b) {
        return a != null && b != null && a.trim().equalsIgnoreCase(b.trim());
    }

    /**
     * A reset on an administrator's initiative (the console's Credential reset) after the owner cancelled their
     * latest request, while that request would still have been open ({@code now} before its {@code expiresAt}).
     */
    static void requireNotCancelledByOwner(PasswordResetStatus latest, long expiresAt, long now) {
        if (latest == PasswordResetStatus.CANCELLED && now < expiresAt) {
            throw ApiException.conflict("password_reset_cancelled", CANCELLED_BY_OWNER, null);
        }
    }

    /**
     * The lifetime of the link an approval sends: {@code byDefault} when none was asked for, else the one
     * asked for if it lies within {@code [min, max]}.
     *
     * @param field the name under which the caller gave {@code requested}, for the error
     */
    static long linkLifetime(Long requested, long byDefault, long min, long max, String field) {
        if (requested == null) {
            return byDefault;
        }
        if (requested < min || requested > max) {
            throw ApiException.badRequest(field, "must be between " + min + " and " + max + " seconds");
        }
        return requested;
    }
}
