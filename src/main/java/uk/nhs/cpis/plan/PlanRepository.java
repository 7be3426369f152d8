package uk.nhs.cpis.plan;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.nhs.cpis.db.Database;
import uk.nhs.cpis.db.Jdbc;
import uk.nhs.cpis.db.LookupChanges;

/** The plans table, in plain JDBC batches: an upload of 1,000 plans is one select and two batches. */
@ApplicationScoped
public class PlanRepository {
    public static final String COLUMNS = "id, la_code, la_name, nhs_number, plan_type, start_date, end_date, "
            + "effective_end, last_display_date, emergency_phone, office_phone, withdrawn, version, created_at, updated_at";
    private static final String SELECT = "select " + COLUMNS + " from care_plan ";
    private static final String INSERT = "insert into care_plan (" + COLUMNS + ") values (" + Jdbc.placeholders(15) + ")";
    private static final String UPDATE = "update care_plan set la_name = ?, start_date = ?, end_date = ?, "
            + "effective_end = ?, last_display_date = ?, emergency_phone = ?, office_phone = ?, withdrawn = ?, "
            + "version = ?, updated_at = ? where id = ?";

    @Inject
    Database database;
    @Inject
    LookupChanges changes;

    /** The LA's plans, withdrawn ones too, held under any of these NHS numbers. */
    public Map<PlanKey, PlanRecord> findForLa(String laCode, Collection<String> nhsNumbers) {
        Map<PlanKey, PlanRecord> found = new HashMap<>();
        if (nhsNumbers.isEmpty()) {
            return found;
        }
        // Selected by NHS number alone, and the LA filtered here: with "la_code = ?" in the query H2 picks the
        // LA's index and scans every plan of the LA for each upload.
        String sql = SELECT + "where nhs_number in (" + Jdbc.placeholders(nhsNumbers.size()) + ")";
        for (PlanRecord plan : database.query(sql, statement -> Jdbc.bindAll(statement, 1, nhsNumbers),
                PlanRepository::read)) {
            if (plan.laCode().equals(laCode)) {
                found.put(plan.key(), plan);
            }
        }
        return found;
    }

    /** One page of an LA's current (not withdrawn) plans, in id order after the cursor. */
    public List<PlanRecord> pageForLa(String laCode, String afterId, int limit) {
        return database.query(SELECT + "where la_code = ? and withdrawn = false and id > ? order by id fetch first "
                + limit + " rows only", statement -> {
                    statement.setString(1, laCode);
                    statement.setString(2, afterId == null ? "" : afterId);
                }, PlanRepository::read);
    }

    public long countForLa(String laCode) {
        return database.queryFirst("select count(*) from care_plan where la_code = ? and withdrawn = false",
                statement -> statement.setString(1, laCode), row -> row.getLong(1)).orElse(0L);
    }

    /**
     * Every LA's plans given no end (so projected to the 18th birthday; an unborn plan always has one) for
     * these NHS numbers: one query for a register load chunk.
     */
    public List<PlanRecord> findProjected(Collection<String> nhsNumbers) {
        if (nhsNumbers.isEmpty()) {
            return List.of();
        }
        return database.query(SELECT + "where nhs_number in (" + Jdbc.placeholders(nhsNumbers.size())
                + ") and end_date is null", statement -> Jdbc.bindAll(statement, 1, nhsNumbers), PlanRepository::read);
    }

    /**
     * Stores the derived end and last display day alone. The version and update time stay the LA's: the
     * plan is the one it uploaded, and a withdrawn plan's purge counts from its withdrawal.
     */
    public void updateDerivedEnds(Collection<PlanRecord> plans) {
        changes.changed(numbersOf(plans));
        database.batch("update care_plan set effective_end = ?, last_display_date = ? where id = ?", plans,
                (statement, p) -> {
                    statement.setDate(1, Date.valueOf(p.effectiveEnd()));
                    statement.setDate(2, Date.valueOf(p.lastDisplayDay()));
                    statement.setString(3, p.id());
                });
    }

    /** Every LA's plans for these NHS numbers that are not withdrawn, whatever their dates. */
    public List<PlanRecord> findNotWithdrawn(Collection<String> nhsNumbers) {
        if (nhsNumbers.isEmpty()) {
            return List.of();
        }
        return database.query(SELECT + "where nhs_number in (" + Jdbc.placeholders(nhsNumbers.size())
                + ") and withdrawn = false", statement -> Jdbc.bindAll(statement, 1, nhsNumbers), PlanRepository::read);
    }

    /** Every plan of one type inside its display window on {@code day}. */
    public List<PlanRecord> findDisplayableOfType(PlanType type, LocalDate day) {
        return database.query(SELECT + "where plan_type = ? and " + displayableOn("care_plan"), statement -> {
            statement.setString(1, type.name());
            bindDisplayableOn(statement, 2, day);
        }, PlanRepository::read);
    }

    /** Every LA's plans for these NHS numbers inside their display window on {@code day}. */
    public List<PlanRecord> findDisplayable(Collection<String> nhsNumbers, LocalDate day) {
        if (nhsNumbers.isEmpty()) {
            return List.of();
        }
        return database.query(SELECT + "where nhs_number in (" + Jdbc.placeholders(nhsNumbers.size()) + ") and "
                + displayableOn("care_plan") + " order by start_date, id", statement -> {
                    int next = Jdbc.bindAll(statement, 1, nhsNumbers);
                    bindDisplayableOn(statement, next, day);
                }, PlanRepository::read);
    }

    /**
     * The condition a plan (table alias {@code alias}) is displayable on a day, from the last display
     * day {@link DisplayWindow} derived at upload; two parameters, bound by {@link #bindDisplayableOn}.
     */
    public static String displayableOn(String alias) {
        return alias + ".last_display_date >= ? and " + alias + ".start_date <= ? and " + alias + ".withdrawn = false";
    }

    /** Binds the day of {@link #displayableOn} from {@code index}; answers the next free index. */
    public static int bindDisplayableOn(PreparedStatement statement, int index, LocalDate day) throws SQLException {
        statement.setDate(index, Date.valueOf(day));
        statement.setDate(index + 1, Date.valueOf(day));
        return index + 2;
    }

    /**
     * Housekeeping: removes plans whose last display day is before {@code closedBefore}, and withdrawn
     * plans withdrawn before {@code withdrawnBefore}. Answers the removed count per LA.
     */
    public Map<String, Integer> purge(LocalDate closedBefore, Instant withdrawnBefore) {
        String condition = "(withdrawn = false and last_display_date < ?) or (withdrawn = true and updated_at < ?)";
        Database.Binder binder = statement -> {
            statement.setDate(1, Date.valueOf(closedBefore));
            statement.setTimestamp(2, Timestamp.from(withdrawnBefore));
        };
        Map<String, Integer> removed = new HashMap<>();
        Set<String> nhsNumbers = new HashSet<>();
        database.forEachRow("select la_code, nhs_number from care_plan where " + condition, binder, row -> {
            removed.merge(row.getString(1), 1, Integer::sum);
            nhsNumbers.add(row.getString(2));
        });
        // Nothing purged is displayable any more; listing the numbers lets each instance's snapshot drop them.
        changes.changed(nhsNumbers);
        database.update("delete from care_plan where " + condition, binder);
        return removed;
    }

    public void insertAll(Collection<PlanRecord> plans) {
        changes.changed(numbersOf(plans));
        database.batch(INSERT, plans, (statement, p) -> {
            statement.setString(1, p.id());
            statement.setString(2, p.laCode());
            statement.setString(3, p.laName());
            statement.setString(4, p.nhsNumber());
            statement.setString(5, p.type().name());
            setDates(statement, 6, p);
            statement.setString(10, p.emergencyPhone());
            statement.setString(11, p.officePhone());
            statement.setBoolean(12, p.withdrawn());
            statement.setInt(13, p.version());
            statement.setTimestamp(14, Timestamp.from(p.createdAt()));
            statement.setTimestamp(15, Timestamp.from(p.updatedAt()));
        });
    }

    public void updateAll(Collection<PlanRecord> plans) {
        changes.changed(numbersOf(plans));
        database.batch(UPDATE, plans, (statement, p) -> {
            statement.setString(1, p.laName());
            setDates(statement, 2, p);
            statement.setString(6, p.emergencyPhone());
            statement.setString(7, p.officePhone());
            statement.setBoolean(8, p.withdrawn());
            statement.setInt(9, p.version());
            statement.setTimestamp(10, Timestamp.from(p.updatedAt()));
            statement.setString(11, p.id());
        });
    }

    private static void setDates(PreparedStatement statement, int first, PlanRecord p) throws SQLException {
        statement.setDate(first, Date.valueOf(p.start()));
        statement.setDate(first + 1, p.givenEnd() == null ? null : Date.valueOf(p.givenEnd()));
        statement.setDate(first + 2, Date.valueOf(p.effectiveEnd()));
        statement.setDate(first + 3, Date.valueOf(p.lastDisplayDay()));
    }

    private static Set<String> numbersOf(Collection<PlanRecord> plans) {
        return plans.stream().map(PlanRecord::nhsNumber).collect(Collectors.toSet());
    }

    public static PlanRecord read(ResultSet rows) throws SQLException {
        Date givenEnd = rows.getDate("end_date");
        return new PlanRecord(rows.getString("id"), rows.getString("la_code"), rows.getString("la_name"),
                rows.getString("nhs_number"), PlanType.valueOf(rows.getString("plan_type")),
                rows.getDate("start_date").toLocalDate(), givenEnd == null ? null : givenEnd.toLocalDate(),
                rows.getDate("effective_end").toLocalDate(), rows.getDate("last_display_date").toLocalDate(),
                rows.getString("emergency_phone"), rows.getString("office_phone"), rows.getBoolean("withdrawn"),
                rows.getInt("version"), rows.getTimestamp("created_at").toInstant(),
                rows.getTimestamp("updated_at").toInstant());
    }
}
