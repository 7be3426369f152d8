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

/** The staff_restriction and restriction_blocked_attempt tables (V3, one restriction per user and patient since V5). */
@ApplicationScoped
public class RestrictionRepository {
    private static final String COLUMNS = "id, org_code, user_id, nhs_number, reason, created_by, created_at";

    @Inject
    Database database;

    /** Inserts the restriction (its id ignored) and answers the new id; a duplicate is a unique violation. */
    long insert(Restriction r) {
        return database.insertReturningId("insert into staff_restriction (org_code, user_id, nhs_number, reason, "
                + "created_by, created_at) values (?, ?, ?, ?, ?, ?)", statement -> {
                    statement.setString(1, r.orgCode());
                    statement.setString(2, r.userId());
                    statement.setString(3, r.nhsNumber());
                    statement.setString(4, r.reason());
                    statement.setString(5, r.createdBy());
                    statement.setTimestamp(6, Timestamp.from(r.createdAt()));
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

    int delete(long id) {
        return database.update("delete from staff_restriction where id = ?", statement -> statement.setLong(1, id));
    }

    /** Records an attempt; nothing when the restriction was removed meanwhile (the security audit still has it). */
    void insertAttempt(long restrictionId, Instant at, String action, String requestId) {
        database.update("insert into restriction_blocked_attempt (restriction_id, attempted_at, action, request_id) "
                + "select id, ?, ?, ? from staff_restriction where id = ?", statement -> {
                    statement.setTimestamp(1, Timestamp.from(at));
                    statement.setString(2, action);
                    statement.setString(3, requestId);
                    statement.setLong(4, restrictionId);
                });
    }

    /** Blocked attempts on an organisation's restrictions (or on one of them), newest first. */
    List<BlockedAttempt> attempts(String orgCode, Long restrictionId) {
        return database.query("select a.restriction_id, a.attempted_at, a.action from restriction_blocked_attempt a "
                + "join staff_restriction r on r.id = a.restriction_id where r.org_code = ?"
                + (restrictionId == null ? "" : " and r.id = ?") + " order by a.attempted_at desc, a.id desc",
                statement -> {
                    statement.setString(1, orgCode);
                    if (restrictionId != null) {
                        statement.setLong(2, restrictionId);
                    }
                }, row -> new BlockedAttempt(row.getLong(1), row.getTimestamp(2).toInstant(), row.getString(3)));
    }

    private static Restriction read(ResultSet row) throws SQLException {
        return new Restriction(row.getLong("id"), row.getString("org_code"), row.getString("user_id"),
                row.getString("nhs_number"), row.getString("reason"), row.getString("created_by"),
                row.getTimestamp("created_at").toInstant());
    }
}
