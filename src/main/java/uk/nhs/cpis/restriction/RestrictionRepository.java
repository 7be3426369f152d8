package uk.nhs.cpis.restriction;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.nhs.cpis.db.Database;
import uk.nhs.cpis.db.LookupChanges;

/**
 * The staff_restriction and restriction_blocked_attempt tables (V3, one restriction per user and patient
 * since V5; since V10 an attempt outlives its restriction and carries its organisation, patient and user).
 */
@ApplicationScoped
public class RestrictionRepository {
    private static final String COLUMNS = "id, org_code, user_id, staff_name, nhs_number, reason, created_by, created_at";

    @Inject
    Database database;
    @Inject
    LookupChanges changes;

    /** Inserts the restriction (its id ignored) and answers the new id; a duplicate is a unique violation. */
    long insert(Restriction r) {
        changes.changed(List.of(r.nhsNumber()));
        return database.insertReturningId("insert into staff_restriction (org_code, user_id, staff_name, nhs_number, "
                + "reason, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?)", statement -> {
                    statement.setString(1, r.orgCode());
                    statement.setString(2, r.userId());
                    statement.setString(3, r.staffName());
                    statement.setString(4, r.nhsNumber());
                    statement.setString(5, r.reason());
                    statement.setString(6, r.createdBy());
                    statement.setTimestamp(7, Timestamp.from(r.createdAt()));
                });
    }

    Optional<Restriction> find(long id) {
        return database.queryFirst("select " + COLUMNS + " from staff_restriction where id = ?",
                statement -> statement.setLong(1, id), RestrictionRepository::read);
    }

    List<Restriction> listForOrg(String orgCode) {
        return database.query("select " + COLUMNS + " from staff_restriction where org_code = ? "
                + "order by created_at desc, id desc", statement -> statement.setString(1, orgCode),
                RestrictionRepository::read);
    }

    /** Every restriction on the patient's record, whichever organisation made it, newest first. */
    List<Restriction> listForPatient(String nhsNumber) {
        return database.query("select " + COLUMNS + " from staff_restriction where nhs_number = ? "
                + "order by created_at desc, id desc", statement -> statement.setString(1, nhsNumber),
                RestrictionRepository::read);
    }

    int delete(Restriction r) {
        changes.changed(List.of(r.nhsNumber()));
        return database.update("delete from staff_restriction where id = ?", statement -> statement.setLong(1, r.id()));
    }

    /** Records an attempt; nothing when the restriction was removed meanwhile (the security audit still has it). */
    void insertAttempt(long restrictionId, Instant at, String action, String requestId) {
        database.update("insert into restriction_blocked_attempt (restriction_id, attempted_at, action, request_id, "
                + "org_code, nhs_number, user_id) select id, ?, ?, ?, org_code, nhs_number, user_id "
                + "from staff_restriction where id = ?", statement -> {
                    statement.setTimestamp(1, Timestamp.from(at));
                    statement.setString(2, action);
                    statement.setString(3, requestId);
                    statement.setLong(4, restrictionId);
                });
    }

    /**
     * Blocked attempts on an organisation's restrictions, those removed included, newest first; narrowed to
     * one restriction or one patient when given.
     */
    List<BlockedAttempt> attempts(String orgCode, Long restrictionId, String nhsNumber) {
        return database.query("select a.restriction_id, a.attempted_at, a.action, a.nhs_number, a.user_id, "
                + "(select count(*) from staff_restriction r where r.id = a.restriction_id) "
                + "from restriction_blocked_attempt a where a.org_code = ?"
                + (restrictionId == null ? "" : " and a.restriction_id = ?")
                + (nhsNumber == null ? "" : " and a.nhs_number = ?") + " order by a.attempted_at desc, a.id desc",
                statement -> {
                    int index = 1;
                    statement.setString(index++, orgCode);
                    if (restrictionId != null) {
                        statement.setLong(index++, restrictionId);
                    }
                    if (nhsNumber != null) {
                        statement.setString(index, nhsNumber);
                    }
                }, row -> new BlockedAttempt(row.getLong(1), row.getTimestamp(2).toInstant(), row.getString(3),
                        row.getString(4), row.getString(5), row.getInt(6) > 0));
    }

    /** Retention (cpis.retention.audit): removes blocked attempts made before {@code before}. */
    public int purgeAttemptsBefore(Instant before) {
        return database.update("delete from restriction_blocked_attempt where attempted_at < ?",
                statement -> statement.setTimestamp(1, Timestamp.from(before)));
    }

    private static Restriction read(ResultSet row) throws SQLException {
        return new Restriction(row.getLong("id"), row.getString("org_code"), row.getString("user_id"),
                row.getString("staff_name"), row.getString("nhs_number"), row.getString("reason"), row.getString("created_by"),
                row.getTimestamp("created_at").toInstant());
    }
}
