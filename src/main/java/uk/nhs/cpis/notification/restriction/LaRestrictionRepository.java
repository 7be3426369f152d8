package uk.nhs.cpis.notification.restriction;

import java.sql.PreparedStatement;
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

/** The la_restriction tables: a restriction, its named users and teams, their changes and its reviews. */
@ApplicationScoped
public class LaRestrictionRepository {
    private static final String COLUMNS = "id, la_code, nhs_number, kind, reason, created_by, created_by_name, "
            + "created_at, last_reviewed_at, lifted_at, lifted_by, requested_by, requested_by_name, requested_by_role, "
            + "authorised_by, authorised_by_name, authorised_by_role, responsible_manager, responsible_manager_name, "
            + "responsible_manager_role";

    @Inject
    Database database;

    public void insert(LaRestriction r) {
        database.update("insert into la_restriction (" + COLUMNS + ", active_nhs_number) values ("
                + Jdbc.placeholders(21) + ")", statement -> {
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
                    int next = bindPerson(statement, 12, r.requestedBy());
                    next = bindPerson(statement, next, r.authorisedBy());
                    next = bindPerson(statement, next, r.responsibleManager());
                    statement.setString(next, r.nhsNumber());
                });
        insertUsers(r.id(), r.users());
    }

    /** Replaces the named users and teams, and records the change beside them. */
    public void replaceUsers(RestrictionChange change) {
        database.update("delete from la_restriction_user where restriction_id = ?",
                statement -> statement.setString(1, change.restrictionId()));
        insertUsers(change.restrictionId(), change.usersAfter());
        database.update("insert into la_restriction_change (id, restriction_id, changed_at, changed_by, changed_by_name, "
                + "users_before, users_after, note) values (?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
                    statement.setString(1, change.id());
                    statement.setString(2, change.restrictionId());
                    statement.setTimestamp(3, Timestamp.from(change.changedAt()));
                    statement.setString(4, change.changedBy());
                    statement.setString(5, change.changedByName());
                    statement.setString(6, String.join("\n", change.usersBefore()));
                    statement.setString(7, String.join("\n", change.usersAfter()));
                    statement.setString(8, change.note());
                });
    }

    public List<RestrictionChange> changes(String restrictionId) {
        return database.query("select id, restriction_id, changed_at, changed_by, changed_by_name, users_before, "
                + "users_after, note from la_restriction_change where restriction_id = ? order by changed_at, id",
                statement -> statement.setString(1, restrictionId),
                row -> new RestrictionChange(row.getString(1), row.getString(2), row.getTimestamp(3).toInstant(),
                        row.getString(4), row.getString(5), lines(row.getString(6)), lines(row.getString(7)),
                        row.getString(8)));
    }

    private void insertUsers(String restrictionId, List<String> users) {
        database.batch("insert into la_restriction_user (restriction_id, user_id) values (?, ?)", users,
                (statement, user) -> {
                    statement.setString(1, restrictionId);
                    statement.setString(2, user);
                });
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    private static int bindPerson(PreparedStatement statement, int index, LaPerson person)
            throws SQLException {
        statement.setString(index, person == null ? null : person.userId());
        statement.setString(index + 1, person == null ? null : person.name());
        statement.setString(index + 2, person == null ? null : person.jobRole());
        return index + 3;
    }

    private static LaPerson person(ResultSet row, String column) throws SQLException {
        String name = row.getString(column + "_name");
        return name == null ? null : new LaPerson(row.getString(column), name, row.getString(column + "_role"));
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
                + "reviewed_by_name, outcome, note, reviewed_by_role) values (?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
                    statement.setString(1, review.id());
                    statement.setString(2, review.restrictionId());
                    statement.setTimestamp(3, Timestamp.from(review.reviewedAt()));
                    statement.setString(4, review.reviewedBy());
                    statement.setString(5, review.reviewedByName());
                    statement.setString(6, review.outcome().name());
                    statement.setString(7, review.note());
                    statement.setString(8, review.reviewedByRole());
                });
        database.update("update la_restriction set last_reviewed_at = ? where id = ?", statement -> {
            statement.setTimestamp(1, Timestamp.from(review.reviewedAt()));
            statement.setString(2, review.restrictionId());
        });
    }

    public List<RestrictionReview> reviews(String restrictionId) {
        return database.query("select id, restriction_id, reviewed_at, reviewed_by, reviewed_by_name, outcome, note, "
                + "reviewed_by_role from la_restriction_review where restriction_id = ? order by reviewed_at, id",
                statement -> statement.setString(1, restrictionId),
                row -> new RestrictionReview(row.getString(1), row.getString(2), row.getTimestamp(3).toInstant(),
                        row.getString(4), row.getString(5), row.getString(8),
                        RestrictionReview.Outcome.valueOf(row.getString(6)), row.getString(7)));
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
                row.getString("lifted_by"), person(row, "requested_by"), person(row, "authorised_by"),
                person(row, "responsible_manager"));
    }
}
