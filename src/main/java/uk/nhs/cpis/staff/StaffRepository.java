package uk.nhs.cpis.staff;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.nhs.cpis.db.Database;

/** The staff_member table (V11). */
@ApplicationScoped
public class StaffRepository {
    private static final String MERGE = """
            merge into staff_member t using (values (?, ?, ?, ?, cast(? as boolean), cast(? as timestamp with time zone)))
              as s (user_id, org_code, name, job_role, active, updated_at)
              on t.user_id = s.user_id and t.org_code = s.org_code
            when matched then update set name = s.name, job_role = s.job_role, active = s.active,
                updated_at = s.updated_at
            when not matched then insert (user_id, org_code, name, job_role, active, updated_at)
              values (s.user_id, s.org_code, s.name, s.job_role, s.active, s.updated_at)
            """;

    @Inject
    Database database;

    public void upsertAll(List<StaffMember> members, Instant now) {
        Timestamp updatedAt = Timestamp.from(now);
        database.batch(MERGE, members, (merge, m) -> {
            merge.setString(1, m.userId());
            merge.setString(2, m.orgCode());
            merge.setString(3, m.name());
            merge.setString(4, m.jobRole());
            merge.setBoolean(5, m.active());
            merge.setTimestamp(6, updatedAt);
        });
    }

    /** Every organisation the register lists the user at, active or not. */
    public List<StaffMember> rolesOf(String userId) {
        return database.query("select user_id, org_code, name, job_role, active from staff_member where user_id = ? "
                + "order by org_code", statement -> statement.setString(1, userId),
                row -> new StaffMember(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getBoolean(5)));
    }
}
