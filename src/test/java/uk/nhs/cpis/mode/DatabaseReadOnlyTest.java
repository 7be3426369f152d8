package uk.nhs.cpis.mode;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import uk.nhs.cpis.db.Database;
import uk.nhs.cpis.support.DatabaseKind;
import uk.nhs.cpis.support.Lookups;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.Staff;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Tokens;

/**
 * A PostgreSQL database that refuses writes (default_transaction_read_only, as a standby does): every write
 * answers 503 READ_ONLY_MODE saying why, never a 500, and nothing is stored; writes work again once it takes them.
 */
@QuarkusTest
class DatabaseReadOnlyTest {
    private static final LocalDate BORN = LocalDate.of(2017, 9, 1);

    @Inject
    AgroalDataSource pool;
    @Inject
    Database database;

    @BeforeEach
    void onPostgreSqlOnly() {
        assumeTrue(DatabaseKind.postgresql(),
                "default_transaction_read_only is PostgreSQL's");
    }

    @AfterEach
    void writable() throws SQLException {
        if (DatabaseKind.postgresql()) {
            // A read-only session cannot alter the database: this one is made writable first.
            databaseReadOnly("set default_transaction_read_only = off",
                    "alter database current_database_name reset default_transaction_read_only");
        }
    }

    @Test
    void shouldAnswer503NotA500ToEveryWriteWhileTheDatabaseRefusesThem() throws SQLException {
        String child = TestPatients.register("Taylor", "Johnny", BORN);
        Plans.Builder plan = Plans.plan(child, "Taylor", BORN, Plans.CPP).start("2024-01-10");
        long plans = count("care_plan");
        long patients = count("patient");
        String staffMember = Staff.atHospital();
        databaseReadOnly("alter database current_database_name set default_transaction_read_only = on");

        refused(given().auth().oauth2(Tokens.laUpload()).contentType("application/fhir+json")
                .body(Plans.batch(null, Plans.putEntry(plan))).when().post("/fhir"));
        refused(given().auth().oauth2(Tokens.laUpload()).contentType("application/fhir+json").body(plan.json())
                .when().put("/fhir/" + plan.url()));
        String line = TestPatients.patientJson(TestPatients.newNhsNumber(), "Evans", "Lucy", BORN).replace("\n", "");
        refused(given().auth().oauth2(Tokens.admin()).contentType("application/fhir+ndjson")
                .body((line + "\n").getBytes(StandardCharsets.UTF_8)).when().post("/api/admin/patients"));
        refused(given().auth().oauth2(Tokens.privacyOfficer(Tokens.HOSPITAL, Tokens.newUserId()))
                .contentType("application/json")
                .body(Map.of("nhsNumber", child, "userId", staffMember, "reason", "Neighbour"))
                .when().post("/api/restrictions"));
        refused(given().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body("{\"mode\":\"read-only\",\"reason\":\"r\"}").when().put("/api/admin/mode"));
        // A lookup that cannot store its audit record is not answered, as whenever the audit trail fails.
        Lookups.presence(Tokens.clinician(Tokens.newUserId()), child).statusCode(503)
                .body("issue[0].details.coding[0].code", equalTo("SERVICE_UNAVAILABLE"));
        assertEquals(plans, count("care_plan"));
        assertEquals(patients, count("patient"));

        writable();
        pool.flush(AgroalDataSource.FlushMode.ALL);
        given().auth().oauth2(Tokens.laUpload()).contentType("application/fhir+json").body(plan.json())
                .when().put("/fhir/" + plan.url()).then().statusCode(201);
        assertEquals(plans + 1, count("care_plan"));
    }

    private static void refused(io.restassured.response.Response answer) {
        ValidatableResponse refused = answer.then().log().ifValidationFails().statusCode(503)
                .header("Retry-After", "300");
        String type = answer.contentType();
        if (type.startsWith("application/fhir+json")) {
            refused.body("issue[0].details.coding[0].code", equalTo("READ_ONLY_MODE"))
                    .body("issue[0].diagnostics", containsString("database is not accepting writes"));
        } else {
            refused.body("code", equalTo("READ_ONLY_MODE")).body("detail", containsString("database is not accepting writes"));
        }
    }

    private long count(String table) {
        return database.queryFirst("select count(*) from " + table, Database.NO_PARAMETERS, row -> row.getLong(1))
                .orElseThrow();
    }

    /**
     * Runs the statements on a connection of its own, then closes the pool's connections: a setting of the
     * database applies to sessions started after it.
     */
    private void databaseReadOnly(String... statements) throws SQLException {
        Config config = ConfigProvider.getConfig();
        try (Connection connection = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url",
                String.class), config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
                Statement statement = connection.createStatement()) {
            String name = connection.getCatalog();
            for (String sql : statements) {
                statement.execute(sql.replace("current_database_name", "\"" + name + "\""));
            }
        }
        pool.flush(AgroalDataSource.FlushMode.ALL);
    }
}
