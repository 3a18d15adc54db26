package io.github.inviteonly.reset;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.credential.CredentialModel;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;

/**
 * What an approver should weigh before deciding: recorded with the request (when the account was created,
 * its last address change, whether the request's IP signed in to it lately, how often it asked) except its
 * second factors, which are read when the request is shown.
 */
final class ResetSignals {

    /** How far back the request's IP is looked for among the account's sign-ins. */
    static final long LOGIN_WINDOW_MILLIS = 30L * 24 * 3600 * 1000;

    private static final Set<String> SECOND_FACTORS = Set.of(OTPCredentialModel.TYPE, WebAuthnCredentialModel.TYPE_TWOFACTOR,
            WebAuthnCredentialModel.TYPE_PASSWORDLESS);

    private ResetSignals() {
    }

    /** Records the signals of a new request of {@code user}, made now. */
    static void record(KeycloakSession session, RealmModel realm, UserModel user, PasswordResetEntity request, Long emailChangedAt,
                       long requestsLast30Days) {
        request.setAccountCreatedAt(user.getCreatedTimestamp());
        request.setEmailChangedAt(emailChangedAt);
        request.setRequestsLast30Days(requestsLast30Days);
        request.setRequestIpSeenAtLogin(ipSeenAtLogin(session, realm, user.getId(), request.getRequestIp(), request.getRequestedAt()));
    }

    /**
     * Whether the IP is among the user's LOGIN events of the last 30 days in Keycloak's event store; null when
     * the realm does not store LOGIN events (the answer would say nothing) or the IP is unknown.
     */
    private static Boolean ipSeenAtLogin(KeycloakSession session, RealmModel realm, String userId, String ip, long now) {
        Set<String> storedTypes = realm.getEnabledEventTypesStream().collect(Collectors.toSet());
        if (ip == null || !storesLogins(realm.isEventsEnabled(), storedTypes)) {
            return null;
        }
        return session.getProvider(EventStoreProvider.class).createQuery()
                .realm(realm.getId()).user(userId).type(EventType.LOGIN).ipAddress(ip)
                .fromDate(now - LOGIN_WINDOW_MILLIS).maxResults(1)
                .getResultStream().findAny().isPresent();
    }

    /**
     * Whether Keycloak stores LOGIN events: events saved, and LOGIN among the chosen types, or no type chosen
     * (Keycloak then stores the types saved by default, LOGIN among them), as its {@code EventBuilder} decides.
     */
    static boolean storesLogins(boolean eventsEnabled, Set<String> enabledEventTypes) {
        return eventsEnabled && (enabledEventTypes.isEmpty() ? EventType.LOGIN.isSaveByDefault()
                : enabledEventTypes.contains(EventType.LOGIN.name()));
    }

    /** The user's OTP and WebAuthn credential types, e.g. {@code ["otp", "webauthn"]}, now. */
    static List<String> secondFactors(UserModel user) {
        return user.credentialManager().getStoredCredentialsStream().map(CredentialModel::getType)
                .filter(SECOND_FACTORS::contains).distinct().sorted().toList();
    }
}
