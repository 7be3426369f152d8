package uk.nhs.cpis.restriction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import uk.nhs.cpis.support.DatabaseKind;

/**
 * V5 on a database holding what V3's per-organisation key allowed: the same user and patient
 * restricted by two organisations; V10 on blocked attempts made before it. Runs on the suite's database kind, in a schema (PostgreSQL) or
 * an in-memory database (H2) of its own, so the application's tables are not touched.
 */
class StaffRestrictionMigrationTest {
    private final boolean postgres = DatabaseKind.postgresql();
    private final String url = postgres ? System.getProperty("quarkus.datasource.jdbc.url")
            : "jdbc:h2:mem:v5-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final String user = postgres ? "postgres" : "sa";
    private final String schema = postgres ? "v5_" + UUID.randomUUID().toString().replace("-", "") : "PUBLIC";
    private Connection connection;

    @BeforeEach
    void migrateToV4() throws SQLException {
        flyway("4").migrate();
        connection = DriverManager.getConnection(url, user, "");
        connection.setSchema(schema);
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        execute(postgres ? "drop schema " + schema + " cascade" : "shutdown");
        connection.close();
    }

    @Test
    void shouldMergeCrossOrganisationDuplicatesIntoTheEarliestWithTheirBlockedAttempts() throws SQLException {
        execute("""
                insert into staff_restriction (id, org_code, user_id, nhs_number, reason, created_by, created_at) values
                  (1, 'RX202', 'u1', '9990000018', 'second', 'o2', timestamp with time zone '2026-02-01 10:00:00+00'),
                  (2, 'RX101', 'u1', '9990000018', 'first',  'o1', timestamp with time zone '2026-01-01 10:00:00+00'),
                  (3, 'RX303', 'u1', '9990000018', 'third',  'o3', timestamp with time zone '2026-03-01 10:00:00+00'),
                  (4, 'RX101', 'u2', '9990000018', 'other',  'o1', timestamp with time zone '2026-01-01 10:00:00+00')""");
        execute("""
                insert into restriction_blocked_attempt (id, restriction_id, attempted_at, action) values
                  (10, 1, timestamp with time zone '2026-02-02 10:00:00+00', 'DETAILS'),
                  (11, 2, timestamp with time zone '2026-01-02 10:00:00+00', 'PRESENCE'),
                  (12, 3, timestamp with time zone '2026-03-02 10:00:00+00', 'PREVIOUS_VIEWS'),
                  (13, 4, timestamp with time zone '2026-01-02 10:00:00+00', 'DETAILS')""");

        flyway("5").migrate();

        assertEquals(List.of("2 RX101 u1", "4 RX101 u2"),
                rows("select id, org_code, user_id from staff_restriction order by id"));
        assertEquals(List.of("10 2", "11 2", "12 2", "13 4"),
                rows("select id, restriction_id from restriction_blocked_attempt order by id"));
        assertThrows(SQLException.class, () -> execute("""
                insert into staff_restriction (id, org_code, user_id, nhs_number, reason, created_by, created_at)
                values (99, 'RX404', 'u1', '9990000018', 'again', 'o4', current_timestamp)"""),
                "one restriction per user and patient, whichever organisation adds it");
    }

    @Test
    void shouldKeepBlockedAttemptsWithTheirOrganisationPatientAndUserOnceTheRestrictionGoes() throws SQLException {
        execute("""
                insert into staff_restriction (id, org_code, user_id, nhs_number, reason, created_by, created_at) values
                  (1, 'RX101', 'u1', '9990000018', 'relative', 'o1', timestamp with time zone '2026-01-01 10:00:00+00')""");
        execute("""
                insert into restriction_blocked_attempt (id, restriction_id, attempted_at, action) values
                  (10, 1, timestamp with time zone '2026-01-02 10:00:00+00', 'DETAILS')""");

        flyway("10").migrate();
        execute("delete from staff_restriction where id = 1");

        assertEquals(List.of("10 1 RX101 9990000018 u1"),
                rows("select id, restriction_id, org_code, nhs_number, user_id from restriction_blocked_attempt"));
    }

    private Flyway flyway(String target) {
        return Flyway.configure().dataSource(url, user, "").schemas(schema).createSchemas(true)
                .locations("classpath:db/migration").target(target).load();
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); var result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(result.getString(i));
                }
                rows.add(String.join(" ", values));
            }
        }
        return rows;
    }
}
