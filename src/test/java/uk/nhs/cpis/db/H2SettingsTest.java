package uk.nhs.cpis.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

import uk.nhs.cpis.support.DatabaseKind;

/**
 * The H2 settings the service relies on (skipped on PostgreSQL). H2 writes a committed transaction to its file at the commit, not up to WRITE_DELAY (500 ms by default) later:
 * with the default, a process killed after answering lost the access events and uploads it had committed (a JVM
 * halted after 100 commits reopened an empty database). A lookup is answered only once its view is durable.
 */
@QuarkusTest
class H2SettingsTest {
    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void onH2Only() {
        assumeTrue(!DatabaseKind.postgresql(), "H2 settings");
    }

    @Test
    void shouldWriteEachCommitToTheFileAtOnce() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                ResultSet row = connection.createStatement().executeQuery(
                        "select setting_value from information_schema.settings where setting_name = 'WRITE_DELAY'")) {
            row.next();
            assertEquals("0", row.getString(1));
        }
    }

    /**
     * H2 records an identity column's next value with a commit of its own every CACHE values (32 by default): on
     * the columns every lookup or ASN writes, db/h2 makes that rare (bench/lookup-profile.txt).
     */
    @Test
    void shouldReserveTheIdsOfEveryLookupsRowsInLargeSteps() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                ResultSet rows = connection.createStatement().executeQuery("select table_name, identity_cache "
                        + "from information_schema.columns where is_identity = 'YES' and table_name in "
                        + "('ACCESS_EVENT', 'SECURITY_AUDIT', 'NOTIFICATION') order by table_name")) {
            int columns = 0;
            while (rows.next()) {
                assertEquals(100_000, rows.getLong(2), rows.getString(1));
                columns++;
            }
            assertEquals(3, columns);
        }
    }
}
