package uk.nhs.cpis.notification.restriction;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.nhs.cpis.db.Database;
import uk.nhs.cpis.db.Jdbc;

/** The la_restriction tables: a restriction, its named users and its reviews. */
@ApplicationScoped
public class LaRestrictionRepository {
    private static final String COLUMNS = "id, la_code, nhs_number, kind, reason, created_by, created_by_name, "
            + "created_at, last_reviewed_at, lifted_at, lifted_by";

    @Inject
    Database database;

    public void insert(LaRestriction r) {
        database.update("insert into la_restriction (" + COLUMNS + ", active_nhs_number) values ("
                + Jdbc.placeholders(12) + ")", statement -> {
                    statement.setString(1, r.id());
                    statement.setString(2, r.laCode());
                    statement.setString(3, r.nhsNumber());
                    statement.setString(4, r.kind().name());
                    statement.setString(5, r.reason());
                    statement.setString(6, r.createdBy());
                    statement.setString(7, r.createdByName());
                    statement.setTimestamp(8, Timestamp.from(r.createdAt()));
                    statement.setTimestamp(9, Timestamp.from(r.lastReviewedAt()));
                    statement.setTimestamp(10, null);
                    statement.setString(11, null);
                    statement.setString(12, r.nhsNumber());
                });
        database.batch("insert into la_restriction_user (restriction_id, user_id) values (?, ?)", r.users(),
                (statement, user) -> {
                    statement.setString(1, r.id());
                    statement.setString(2, user);
                });
    }

    public Optional<LaRestriction> find(String id) {
        return withUsers(database.query("select " + COLUMNS + " from la_restriction where id = ?",
                statement -> statement.setString(1, id), LaRestrictionRepository::read)).stream().findFirst();
    }

    public Optional<LaRestriction> findInForce(String laCode, String nhsNumber) {
        return withUsers(database.query("select " + COLUMNS + " from la_restriction where la_code = ? "
                + "and active_nhs_number = ?", statement -> {
                    statement.setString(1, laCode);
                    statement.setString(2, nhsNumber);
                }, LaRestrictionRepository::read)).stream().findFirst();
    }

    /** The LA's restrictions in force, oldest first: a handful per LA, since restriction is exceptional. */
    public List<LaRestriction> inForce(String laCode) {
        return withUsers(database.query("select " + COLUMNS + " from la_restriction where la_code = ? "
                + "and lifted_at is null order by created_at, id", statement -> statement.setString(1, laCode),
                LaRestrictionRepository::read));
    }

    public void lift(String id, String by, Instant at) {
        database.update("update la_restriction set lifted_at = ?, lifted_by = ?, active_nhs_number = null "
                + "where id = ? and lifted_at is null", statement -> {
                    statement.setTimestamp(1, Timestamp.from(at));
                    statement.setString(2, by);
                    statement.setString(3, id);
                });
    }

    public void insertReview(RestrictionReview review) {
        database.update("insert into la_restriction_review (id, restriction_id, reviewed_at, reviewed_by, "
                + "reviewed_by_name, outcome, note) values (?, ?, ?, ?, ?, ?, ?)", statement -> {
                    statement.setString(1, review.id());
                    statement.setString(2, review.restrictionId());
                    statement.setTimestamp(3, Timestamp.from(review.reviewedAt()));
                    statement.setString(4, review.reviewedBy());
                    statement.setString(5, review.reviewedByName());
                    statement.setString(6, review.outcome().name());
                    statement.setString(7, review.note());
                });
        database.update("update la_restriction set last_reviewed_at = ? where id = ?", statement -> {
            statement.setTimestamp(1, Timestamp.from(review.reviewedAt()));
            statement.setString(2, review.restrictionId());
        });
    }

    public List<RestrictionReview> reviews(String restrictionId) {
        return database.query("select id, restriction_id, reviewed_at, reviewed_by, reviewed_by_name, outcome, note "
                + "from la_restriction_review where restriction_id = ? order by reviewed_at, id",
                statement -> statement.setString(1, restrictionId),
                row -> new RestrictionReview(row.getString(1), row.getString(2), row.getTimestamp(3).toInstant(),
                        row.getString(4), row.getString(5), RestrictionReview.Outcome.valueOf(row.getString(6)),
                        row.getString(7)));
    }

    private List<LaRestriction> withUsers(List<LaRestriction> restrictions) {
        if (restrictions.isEmpty()) {
            return restrictions;
        }
        List<String> ids = restrictions.stream().map(LaRestriction::id).toList();
        Map<String, List<String>> users = new HashMap<>();
        database.query("select restriction_id, user_id from la_restriction_user where restriction_id in ("
                + Jdbc.placeholders(ids.size()) + ") order by user_id", statement -> Jdbc.bindAll(statement, 1, ids),
                row -> users.computeIfAbsent(row.getString(1), id -> new ArrayList<>()).add(row.getString(2)));
        return restrictions.stream().map(r -> r.withUsers(List.copyOf(users.getOrDefault(r.id(), List.of())))).toList();
    }

    private static LaRestriction read(ResultSet row) throws SQLException {
        Timestamp lifted = row.getTimestamp("lifted_at");
        return new LaRestriction(row.getString("id"), row.getString("la_code"), row.getString("nhs_number"),
                RestrictionKind.valueOf(row.getString("kind")), List.of(), row.getString("reason"),
                row.getString("created_by"), row.getString("created_by_name"), row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("last_reviewed_at").toInstant(), lifted == null ? null : lifted.toInstant(),
                row.getString("lifted_by"));
    }
}
