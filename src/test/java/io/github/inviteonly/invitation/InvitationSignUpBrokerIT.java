package io.github.inviteonly.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.inviteonly.support.Browser;
import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Http;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.Invitations;
import io.github.inviteonly.support.PartnerRealmConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.UserBuilder;
import org.openqa.selenium.By;

/** Sign-up through an identity provider (first broker login) needs an invitation for the email too. */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class InvitationSignUpBrokerIT {

    private static final String IDP = "partner";
    private static final String PARTNER_PASSWORD = "Partner-Passw0rd!";

    @InjectRealm(fromJson = DemoRealm.JSON, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm demo;

    @InjectRealm(ref = "partner", config = PartnerRealmConfig.class)
    ManagedRealm partner;

    @InjectMailServer
    MailServer mail;

    @BeforeEach
    void demoTrustsThePartnerRealm() {
        String issuer = partner.getBaseUrl();
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias(IDP);
        idp.setProviderId("oidc");
        idp.setEnabled(true);
        setTrustEmail(idp, true);
        idp.setConfig(Map.ofEntries(
                Map.entry("clientId", PartnerRealmConfig.BROKER_CLIENT),
                Map.entry("clientSecret", PartnerRealmConfig.BROKER_SECRET),
                Map.entry("clientAuthMethod", "client_secret_post"),
                Map.entry("issuer", issuer),
                Map.entry("authorizationUrl", issuer + "/protocol/openid-connect/auth"),
                Map.entry("tokenUrl", issuer + "/protocol/openid-connect/token"),
                Map.entry("userInfoUrl", issuer + "/protocol/openid-connect/userinfo"),
                Map.entry("jwksUrl", issuer + "/protocol/openid-connect/certs"),
                Map.entry("useJwksUrl", "true"),
                Map.entry("validateSignature", "true"),
                Map.entry("defaultScope", "openid email profile")));
        demo.admin().identityProviders().create(idp).close();
    }

    @AfterEach
    void demoForgetsThePartnerRealm() {
        demo.admin().identityProviders().get(IDP).remove();
    }

    @Test
    void anInviteeMaySignUpThroughAnIdentityProvider() {
        Invitations invitations = new Invitations(demo);
        String email = Invitations.newEmail();
        invitations.create(invitations.directorToken(), Map.of("email", email, "roles", List.of("director"), "sendEmail", false));

        try (Browser browser = Browser.start("broker-sign-up-invited")) {
            signUpThroughPartner(browser, email);
            browser.waitForText("Personal info");
            browser.see("account-console");
            assertTrue(browser.url().contains("/realms/demo/account"), browser.url());
        }
        UserRepresentation user = demo.admin().users().searchByEmail(email, true).get(0);
        assertTrue(demo.admin().users().get(user.getId()).roles().realmLevel().listEffective().stream()
                .anyMatch(role -> role.getName().equals("director")));
        var invitation = Http.get(invitations.url() + "?email=" + email, invitations.directorToken()).json().get(0);
        assertEquals("ACCEPTED", invitation.get("status").asText());
        assertEquals(user.getId(), invitation.get("userId").asText());
    }

    @Test
    void anAddressFromAProviderNotTrustedForEmailDoesNotClaimTheInvitation() {
        trustEmail(false);
        Invitations invitations = new Invitations(demo);
        String email = Invitations.newEmail();
        invitations.create(invitations.directorToken(), Map.of("email", email, "roles", List.of("director"), "sendEmail", false));

        try (Browser browser = Browser.start("broker-sign-up-untrusted-address")) {
            signUpThroughPartner(browser, email, email);
            browser.waitForText("by invitation only");
            browser.seeRefusal("refused");
        }
        assertEquals(List.of(), demo.admin().users().searchByEmail(email, true));
        var invitation = Http.get(invitations.url() + "?email=" + email, invitations.directorToken()).json().get(0);
        assertEquals("PENDING", invitation.get("status").asText(), "the stranger did not claim it");
    }

    @Test
    void whoeverCameThroughTheInvitationLinkMaySignUpThroughAProviderNotTrustedForEmailAndIsVerified() {
        trustEmail(false);
        Invitations invitations = new Invitations(demo);
        String invited = Invitations.newEmail();
        String token = invitations.inviteAndReadToken(mail, invited, List.of("director"));

        try (Browser browser = Browser.start("broker-sign-up-through-link")) {
            partner.addUser(partnerAccount(invited, invited));
            startAtTheInvitationLink(browser, invitations, token);
            browser.signIn(invited, PARTNER_PASSWORD);
            browser.waitForText("Personal info");
        }
        UserRepresentation user = demo.admin().users().searchByEmail(invited, true).get(0);
        assertTrue(user.isEmailVerified(), "the link reached the invited mailbox");
        assertAcceptedBy(invitations, invited, user);
        assertTrue(demo.admin().users().get(user.getId()).roles().realmLevel().listEffective().stream()
                .anyMatch(role -> role.getName().equals("director")));
    }

    @Test
    void aProviderAccountWithAnotherAddressDoesNotClaimTheInvitationFromItsLink() {
        trustEmail(false);
        Invitations invitations = new Invitations(demo);
        String invited = Invitations.newEmail();
        String token = invitations.inviteAndReadToken(mail, invited, List.of("director"));
        String providerAddress = Invitations.newEmail(); // the ceo's account at the provider

        try (Browser browser = Browser.start("broker-sign-up-through-link-other-address")) {
            partner.addUser(partnerAccount(providerAddress, providerAddress));
            startAtTheInvitationLink(browser, invitations, token);
            browser.signIn(providerAddress, PARTNER_PASSWORD);
            browser.waitForText("is for a different email address");
            browser.seeRefusal("refused");
        }
        assertEquals(List.of(), demo.admin().users().searchByEmail(providerAddress, true));
        assertEquals(List.of(), demo.admin().users().searchByEmail(invited, true));
        assertPending(invitations, invited);
    }

    @Test
    void aProviderThatSendsNoAddressGivesTheAccountTheInvitedOne() throws Exception {
        trustEmail(false);
        Invitations invitations = new Invitations(demo);
        String invited = Invitations.newEmail();
        String token = invitations.inviteAndReadToken(mail, invited, List.of("director"));
        String providerUsername = "nomail-" + System.nanoTime();

        try (Browser browser = Browser.start("broker-sign-up-no-address");
             AutoCloseable silent = partnerSendsNoAddressOrName()) {
            partner.addUser(partnerAccount(providerUsername, Invitations.newEmail()));
            startAtTheInvitationLink(browser, invitations, token);
            browser.signIn(providerUsername, PARTNER_PASSWORD);
            reviewProfile(browser, invited, null);
            browser.waitForText("Personal info");
        }
        UserRepresentation user = demo.admin().users().searchByEmail(invited, true).get(0);
        assertTrue(user.isEmailVerified(), "the invited address, reached by the link");
        assertAcceptedBy(invitations, invited, user);
    }

    @Test
    void anAddressChangedOnTheReviewProfilePageIsRefused() throws Exception {
        trustEmail(false);
        Invitations invitations = new Invitations(demo);
        String invited = Invitations.newEmail();
        String token = invitations.inviteAndReadToken(mail, invited, List.of("director"));
        String providerUsername = "nomail-" + System.nanoTime();
        String typed = Invitations.newEmail();

        try (Browser browser = Browser.start("broker-sign-up-review-other-address");
             AutoCloseable silent = partnerSendsNoAddressOrName()) {
            partner.addUser(partnerAccount(providerUsername, Invitations.newEmail()));
            startAtTheInvitationLink(browser, invitations, token);
            browser.signIn(providerUsername, PARTNER_PASSWORD);
            reviewProfile(browser, invited, typed);
            browser.waitForText("is for a different email address");
            browser.seeRefusal("refused");
        }
        assertEquals(List.of(), demo.admin().users().searchByEmail(typed, true));
        assertEquals(List.of(), demo.admin().users().searchByEmail(invited, true));
        assertPending(invitations, invited);
    }

    @Test
    void withoutAnInvitationIdentityProviderSignUpIsRefusedAndCreatesNothing() {
        String email = Invitations.newEmail();

        try (Browser browser = Browser.start("broker-sign-up-uninvited")) {
            signUpThroughPartner(browser, email);
            browser.waitForText("by invitation only");
            browser.seeRefusal("refused");
        }
        assertEquals(List.of(), demo.admin().users().searchByEmail(email, true));
    }

    /** The sign-up page of the invitation's link, then *Back to Login* and the provider's button. */
    private static void startAtTheInvitationLink(Browser browser, Invitations invitations, String token) {
        browser.open(invitations.publicUrl() + "/sign-up?token=" + token);
        browser.find(By.partialLinkText("Back to Login")).click();
        browser.find(By.id("social-" + IDP)).click();
    }

    /**
     * The review-profile page, which shows the address the account will get (the invited one, since the
     * provider sent none); {@code typed} replaces it when not null. The provider sent no name either.
     */
    private static void reviewProfile(Browser browser, String shown, String typed) {
        assertEquals(shown, browser.field("email").getAttribute("value"));
        browser.see("review-profile");
        if (typed != null) {
            browser.type("email", typed);
        }
        browser.type("firstName", "Pat");
        browser.type("lastName", "Partner");
        browser.submit();
    }

    /**
     * The partner realm stops sending the address and the name until closed: a provider that shares
     * neither. Its broker client loses the {@code email} and {@code profile} scopes, and the demo realm
     * stops asking for them (the provider is created anew for each test).
     */
    private AutoCloseable partnerSendsNoAddressOrName() {
        IdentityProviderRepresentation idp = demo.admin().identityProviders().get(IDP).toRepresentation();
        idp.getConfig().put("defaultScope", "openid");
        demo.admin().identityProviders().get(IDP).update(idp);
        ClientResource client = partner.admin().clients()
                .get(partner.admin().clients().findByClientId(PartnerRealmConfig.BROKER_CLIENT).get(0).getId());
        List<String> scopes = partner.admin().clientScopes().findAll().stream()
                .filter(scope -> scope.getName().equals("email") || scope.getName().equals("profile"))
                .map(ClientScopeRepresentation::getId).toList();
        scopes.forEach(client::removeDefaultClientScope);
        return () -> scopes.forEach(client::addDefaultClientScope);
    }

    private static UserBuilder partnerAccount(String username, String email) {
        return UserBuilder.create(username).email(email).name("Pat", "Partner").emailVerified(true).password(PARTNER_PASSWORD);
    }

    private static void assertAcceptedBy(Invitations invitations, String invited, UserRepresentation user) {
        var invitation = Http.get(invitations.url() + "?email=" + invited, invitations.directorToken()).json().get(0);
        assertEquals("ACCEPTED", invitation.get("status").asText());
        assertEquals(user.getId(), invitation.get("userId").asText());
    }

    private static void assertPending(Invitations invitations, String invited) {
        var invitation = Http.get(invitations.url() + "?email=" + invited, invitations.directorToken()).json().get(0);
        assertEquals("PENDING", invitation.get("status").asText(), "nobody claimed it");
    }

    private void trustEmail(boolean trusted) {
        IdentityProviderRepresentation idp = demo.admin().identityProviders().get(IDP).toRepresentation();
        setTrustEmail(idp, trusted);
        demo.admin().identityProviders().get(IDP).update(idp);
    }

    /**
     * {@code setTrustEmail} takes a {@code boolean} in keycloak-core 26.4 (which the code compiles against)
     * and a {@code Boolean} in 26.7 (which the test framework runs with): set by property name instead.
     */
    private static void setTrustEmail(IdentityProviderRepresentation idp, boolean trusted) {
        try {
            new ObjectMapper().readerForUpdating(idp).readValue("{\"trustEmail\": " + trusted + "}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void signUpThroughPartner(Browser browser, String email) {
        signUpThroughPartner(browser, email, email);
    }

    /** A person known to the partner realm (as {@code email}, which it vouches for) signs in to the demo realm with "partner" for the first time. */
    private void signUpThroughPartner(Browser browser, String username, String email) {
        partner.addUser(partnerAccount(username, email));
        browser.open(demo.getBaseUrl() + "/account/");
        browser.find(By.id("social-" + IDP)).click();
        browser.signIn(username, PARTNER_PASSWORD);
    }
}
