package uk.nhs.cpis.support;

import java.sql.Timestamp;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.nhs.cpis.db.Database;

/**
 * Stores access events directly, as a B0107 lookup does: the batch tests need events at chosen times
 * and users (BatchRunResourceTest also goes through a real lookup once).
 */
@ApplicationScoped
public class AccessEvents {
    public static final String HOSPITAL_NAME = "Northtown General Hospital";
    public static final String JOB_ROLE = "ED Consultant";

    @Inject
    Database database;

    /** A view by {@code userId} ("Dr {userId}") at {@code orgCode}; answers the event id. */
    public long record(Instant at, String nhsNumber, String userId, String orgCode) {
        database.update("insert into access_event (accessed_at, nhs_number, user_id, user_name, job_role, org_code, "
                + "org_name) values (?, ?, ?, ?, ?, ?, ?)", statement -> {
                    statement.setTimestamp(1, Timestamp.from(at));
                    statement.setString(2, nhsNumber);
                    statement.setString(3, userId);
                    statement.setString(4, "Dr " + userId);
                    statement.setString(5, JOB_ROLE);
                    statement.setString(6, orgCode);
                    statement.setString(7, orgCode.equals(Tokens.HOSPITAL) ? HOSPITAL_NAME : orgCode + " Hospital");
                });
        return database.queryFirst("select max(id) from access_event where nhs_number = ? and user_id = ?",
                statement -> {
                    statement.setString(1, nhsNumber);
                    statement.setString(2, userId);
                }, row -> row.getLong(1)).orElseThrow();
    }
}
