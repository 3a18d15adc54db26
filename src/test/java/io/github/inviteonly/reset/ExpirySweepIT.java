package io.github.inviteonly.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.github.inviteonly.support.DemoRealm;
import io.github.inviteonly.support.Eventually;
import io.github.inviteonly.support.InviteOnlyServerConfig;
import io.github.inviteonly.support.PasswordResets;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

/**
 * The expiry sweep runs on Keycloak's one timer thread: a row that another transaction holds must not
 * stop it (nor every other scheduled task of the node). Looks into the database itself, so it runs in the
 * suite on PostgreSQL ({@code ./mvnw verify -Ppostgres}), the production database this is about.
 */
@KeycloakIntegrationTest(config = InviteOnlyServerConfig.class)
class ExpirySweepIT {

    private static final String DATABASE = System.getProperty("kc.test.database.url", "");
    /** Later than any request's time to wait for a decision (days, in any realm's settings). */
    private static final int AFTER_EVERY_LIFETIME = 400 * 24 * 3600;

    @InjectRealm(fromJson = DemoRealm.JSON, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm demo;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    @Test
    void theSweepPassesOverARowThatAnotherTransactionHoldsAndTakesItLater() throws SQLException {
        assumeTrue(DATABASE.startsWith("jdbc:postgresql:"),
                "needs the suite on PostgreSQL (./mvnw verify -Ppostgres) to hold a row lock from outside Keycloak");
        PasswordResets resets = new PasswordResets(demo);
        String heldId = resets.askAndAwait(resets.newPerson()).get("id").asText();
        String freeId = resets.askAndAwait(resets.newPerson()).get("id").asText();

        try (Connection holder = connect(); Connection reader = connect()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("SELECT ID FROM INVITE_ONLY_PASSWORD_RESET WHERE ID = ? FOR UPDATE")) {
                lock.setString(1, heldId);
                lock.executeQuery().close();
            }
            timeOffSet.set(AFTER_EVERY_LIFETIME);

            Eventually.until("the free request swept while the other is held", () -> storedStatus(reader, freeId), "EXPIRED"::equals);
            assertEquals("PENDING", storedStatus(reader, heldId), "the held row waits for a later round");

            holder.rollback();
            Eventually.until("the held request swept once released", () -> storedStatus(reader, heldId), "EXPIRED"::equals);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(DATABASE, System.getProperty("kc.test.database.user"),
                System.getProperty("kc.test.database.password"));
    }

    private static String storedStatus(Connection reader, String id) {
        try (PreparedStatement select = reader.prepareStatement("SELECT STATUS FROM INVITE_ONLY_PASSWORD_RESET WHERE ID = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
