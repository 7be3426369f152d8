package uk.nhs.cpis.audit;

import java.sql.Timestamp;
import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.nhs.cpis.db.Database;

/** The security_audit table (V3): written only, read by information-governance tooling. */
@ApplicationScoped
public class SecurityAuditRepository {
    private static final String INSERT = "insert into security_audit (occurred_at, action, outcome, user_id, "
            + "user_role, org_code, nhs_number, result_count, disclosed_nhs_numbers, request_id) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @Inject
    Database database;

    public void insertAll(Collection<SecurityAuditEntry> entries) {
        database.batch(INSERT, entries, (statement, e) -> {
            statement.setTimestamp(1, Timestamp.from(e.occurredAt()));
            statement.setString(2, e.action().name());
            statement.setString(3, e.outcome().name());
            statement.setString(4, e.userId());
            statement.setString(5, e.userRole());
            statement.setString(6, e.orgCode());
            statement.setString(7, e.nhsNumber());
            statement.setInt(8, e.resultCount());
            statement.setString(9, e.disclosedNhsNumbers());
            statement.setString(10, e.requestId());
        });
    }
}
