package uk.nhs.cpis.audit;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.nhs.cpis.db.Database;
import uk.nhs.cpis.db.Jdbc;

/** The access_event table (V2), shared with the ASN batch, which reads it in time order. */
@ApplicationScoped
public class AccessEventRepository {
    private static final String INSERT = "insert into access_event (accessed_at, nhs_number, user_id, user_name, "
            + "job_role, org_code, org_name) values (?, ?, ?, ?, ?, ?, ?)";

    @Inject
    Database database;

    public void insertAll(Collection<AccessEvent> events) {
        database.batch(INSERT, events, (statement, e) -> {
            statement.setTimestamp(1, Timestamp.from(e.accessedAt()));
            statement.setString(2, e.nhsNumber());
            statement.setString(3, e.userId());
            statement.setString(4, e.userName());
            statement.setString(5, e.jobRole());
            statement.setString(6, e.orgCode());
            statement.setString(7, e.orgName());
        });
    }

    /** The patient's latest views under any of its linked NHS numbers, newest first. */
    public List<AccessEvent> latest(Collection<String> nhsNumbers, int limit) {
        return database.query("select id, accessed_at, nhs_number, user_id, user_name, job_role, org_code, org_name "
                + "from access_event where nhs_number in (" + Jdbc.placeholders(nhsNumbers.size())
                + ") order by accessed_at desc, id desc fetch first " + limit + " rows only",
                statement -> Jdbc.bindAll(statement, 1, nhsNumbers),
                row -> new AccessEvent(row.getLong("id"), row.getTimestamp("accessed_at").toInstant(),
                        row.getString("nhs_number"), row.getString("user_id"), row.getString("user_name"),
                        row.getString("job_role"), row.getString("org_code"), row.getString("org_name")));
    }
}
