package uk.nhs.cpis.audit;

import java.sql.Timestamp;
import java.sql.Types;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.nhs.cpis.db.Database;
import uk.nhs.cpis.db.Jdbc;

/**
 * The access_event table (V2), shared with the ASN batch, which reads it in time order. A B0107 view's event also
 * holds its security-audit line (V16: one durable write per view).
 */
@ApplicationScoped
public class AccessEventRepository {
    private static final String INSERT = "insert into access_event (accessed_at, nhs_number, user_id, user_name, "
            + "job_role, org_code, org_name, request_id, result_count) values (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** An access event to store, with the security-audit line it holds (V16), or none when that is stored apart. */
    public record View(AccessEvent event, SecurityAuditEntry heldLine) {
    }

    @Inject
    Database database;

    public void insertAll(Collection<View> views) {
        database.batch(INSERT, views, (statement, view) -> {
            AccessEvent e = view.event();
            statement.setTimestamp(1, Timestamp.from(e.accessedAt()));
            statement.setString(2, e.nhsNumber());
            statement.setString(3, e.userId());
            statement.setString(4, e.userName());
            statement.setString(5, e.jobRole());
            statement.setString(6, e.orgCode());
            statement.setString(7, e.orgName());
            SecurityAuditEntry line = view.heldLine();
            statement.setString(8, line == null ? null : line.requestId());
            statement.setObject(9, line == null ? null : line.resultCount(), Types.INTEGER);
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
