package uk.nhs.cpis.notification;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.nhs.cpis.db.Database;
import uk.nhs.cpis.db.Jdbc;
import uk.nhs.cpis.notification.restriction.RestrictionSql;
import uk.nhs.cpis.notification.restriction.Viewer;

/** The notification table, in plain JDBC: the batch writes a chunk of ASNs as one batch insert. */
@ApplicationScoped
public class NotificationRepository {
    private static final String COLUMNS = "id, la_code, la_name, category, batch_run_id, access_event_id, nhs_number, "
            + "patient_name, patient_birth_date, accessed_at, user_id, user_name, job_role, org_code, org_name, "
            + "related_nhs_number, created_at, acknowledged_at";
    private static final String INSERT = "insert into notification (" + COLUMNS + ") values ("
            + Jdbc.placeholders(18) + ")";
    // The id of a birth or inactive-number notification is derived from what it says, so the primary
    // key makes a repeat harmless; the MERGE makes it silent, so a re-loaded patient does not fail its load.
    // PostgreSQL cannot infer the types of untyped parameters in a VALUES list, hence the casts.
    private static final String INSERT_MISSING = "merge into notification t using (values (?, ?, ?, ?, ?, "
            + "cast(? as bigint), ?, ?, cast(? as date), cast(? as timestamp with time zone), ?, ?, ?, ?, ?, ?, "
            + "cast(? as timestamp with time zone), cast(? as timestamp with time zone))) as s (" + COLUMNS
            + ") on t.id = s.id when not matched then insert (" + COLUMNS + ") values (" + prefixed("s.") + ")";
    private static final String ACKNOWLEDGE = "update notification n set acknowledged_at = ?, acknowledged_by = ?, "
            + "acknowledged_by_name = ?, acknowledged_by_role = ? ";
    // Who acknowledged is written by acknowledging only, never by an insert: a notification is made unacknowledged.
    private static final String SELECT = "select n.seq, " + prefixed("n.") + ", n.acknowledged_by, "
            + "n.acknowledged_by_name, n.acknowledged_by_role, " + RestrictionSql.restricted("n")
            + " as restricted from notification n ";

    @Inject
    Database database;

    /** The batch's ASNs: a duplicate (access event, LA) fails the chunk rather than notifying twice. */
    public void insertAll(Collection<NotificationRecord> notifications) {
        database.batch(INSERT, notifications, NotificationRepository::bind);
    }

    /** Birth and inactive-number notifications: those already made are left as they are. */
    public void insertMissing(Collection<NotificationRecord> notifications) {
        database.batch(INSERT_MISSING, notifications, NotificationRepository::bind);
    }

    /** One page of an LA's feed as the viewer may see it, in the order notifications were made. */
    public List<FeedEntry> page(Viewer viewer, FeedQuery query, long afterSeq, int limit) {
        List<Object> filterValues = new ArrayList<>();
        String where = where(viewer, query, filterValues) + " and n.seq > ? order by n.seq fetch first " + limit
                + " rows only";
        return database.query(SELECT + where, statement -> {
            int next = bindFilter(statement, viewer, filterValues);
            statement.setLong(next, afterSeq);
        }, NotificationRepository::readEntry);
    }

    public long count(Viewer viewer, FeedQuery query) {
        List<Object> filterValues = new ArrayList<>();
        String sql = "select count(*) from notification n " + where(viewer, query, filterValues);
        return database.queryFirst(sql, statement -> bindFilter(statement, viewer, filterValues),
                row -> row.getLong(1)).orElse(0L);
    }

    /**
     * Those of these ids the viewer may see: its own LA's, not hidden by a restriction. Another LA's
     * notification is left out like an unknown one, so that its existence is not revealed.
     */
    public Set<String> visibleIds(Collection<String> ids, Viewer viewer) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        String sql = "select n.id from notification n where n.id in (" + Jdbc.placeholders(ids.size())
                + ") and n.la_code = ? and " + RestrictionSql.visible("n", viewer);
        return Set.copyOf(database.query(sql, statement -> {
            int next = Jdbc.bindAll(statement, 1, ids);
            statement.setString(next, viewer.laCode());
            RestrictionSql.bindVisible(statement, next + 1, viewer);
        }, row -> row.getString(1)));
    }

    /** A child's ASNs to the viewer's LA, as the viewer may see them (the attendance timeline). */
    public List<NotificationRecord> asnsOf(Viewer viewer, String nhsNumber) {
        return database.query(SELECT + "where n.la_code = ? and n.nhs_number = ? and n.category = ? and "
                + RestrictionSql.visible("n", viewer), statement -> {
                    statement.setString(1, viewer.laCode());
                    statement.setString(2, nhsNumber);
                    statement.setString(3, Category.ASN.code());
                    RestrictionSql.bindVisible(statement, 4, viewer);
                }, row -> readEntry(row).notification());
    }

    public List<FeedEntry> find(String id, Viewer viewer) {
        return database.query(SELECT + "where n.id = ? and n.la_code = ? and " + RestrictionSql.visible("n", viewer),
                statement -> {
                    statement.setString(1, id);
                    statement.setString(2, viewer.laCode());
                    RestrictionSql.bindVisible(statement, 3, viewer);
                }, NotificationRepository::readEntry);
    }

    /** Acknowledges those not yet acknowledged; an acknowledged notification keeps its first time and person. */
    public int acknowledge(Collection<String> ids, Instant now, Acknowledger by) {
        if (ids.isEmpty()) {
            return 0;
        }
        return database.update(ACKNOWLEDGE + "where acknowledged_at is null and id in ("
                + Jdbc.placeholders(ids.size()) + ")", statement -> {
                    int next = bindAcknowledgement(statement, now, by);
                    Jdbc.bindAll(statement, next, ids);
                });
    }

    public int acknowledgeBatch(Viewer viewer, String batchRunId, Instant now, Acknowledger by) {
        String sql = ACKNOWLEDGE + "where acknowledged_at is null and batch_run_id = ? and la_code = ? and "
                + RestrictionSql.visible("n", viewer);
        return database.update(sql, statement -> {
            int next = bindAcknowledgement(statement, now, by);
            statement.setString(next++, batchRunId);
            statement.setString(next++, viewer.laCode());
            RestrictionSql.bindVisible(statement, next, viewer);
        });
    }

    private static int bindAcknowledgement(PreparedStatement statement, Instant now, Acknowledger by)
            throws SQLException {
        statement.setTimestamp(1, Timestamp.from(now));
        statement.setString(2, by.userId());
        statement.setString(3, by.name());
        statement.setString(4, by.jobRole());
        return 5;
    }

    /**
     * Retention: removes notifications made before {@code before}: ASNs by their batch run (made when it
     * ran), the others by their own time. Both go by the batch index.
     */
    public int purgeMadeBefore(Instant before) {
        Database.Binder binder = statement -> statement.setTimestamp(1, Timestamp.from(before));
        return database.update("delete from notification where batch_run_id in "
                + "(select id from batch_run where started_at < ?)", binder)
                + database.update("delete from notification where batch_run_id is null and created_at < ?", binder);
    }

    private static String where(Viewer viewer, FeedQuery query, List<Object> values) {
        StringBuilder where = new StringBuilder("where n.la_code = ?");
        values.add(viewer.laCode());
        if (query.category() != null) {
            where.append(" and n.category = ?");
            values.add(query.category().code());
        }
        if (query.batchRunId() != null) {
            where.append(" and n.batch_run_id = ?");
            values.add(query.batchRunId());
        }
        if (query.acknowledged() != null) {
            where.append(query.acknowledged() ? " and n.acknowledged_at is not null" : " and n.acknowledged_at is null");
        }
        return where.append(" and ").append(RestrictionSql.visible("n", viewer)).toString();
    }

    private static int bindFilter(PreparedStatement statement, Viewer viewer, List<Object> values) throws SQLException {
        int index = 1;
        for (Object value : values) {
            statement.setString(index++, (String) value);
        }
        return RestrictionSql.bindVisible(statement, index, viewer);
    }

    private static String prefixed(String prefix) {
        return prefix + COLUMNS.replace(", ", ", " + prefix);
    }

    private static void bind(PreparedStatement s, NotificationRecord n) throws SQLException {
        s.setString(1, n.id());
        s.setString(2, n.laCode());
        s.setString(3, n.laName());
        s.setString(4, n.category().code());
        s.setString(5, n.batchRunId());
        if (n.accessEventId() == null) {
            s.setNull(6, Types.BIGINT);
        } else {
            s.setLong(6, n.accessEventId());
        }
        s.setString(7, n.nhsNumber());
        s.setString(8, n.patientName());
        s.setObject(9, n.patientBirthDate(), Types.DATE);
        Jdbc.setInstant(s, 10, n.accessedAt());
        s.setString(11, n.userId());
        s.setString(12, n.userName());
        s.setString(13, n.jobRole());
        s.setString(14, n.orgCode());
        s.setString(15, n.orgName());
        s.setString(16, n.relatedNhsNumber());
        Jdbc.setInstant(s, 17, n.createdAt());
        Jdbc.setInstant(s, 18, n.acknowledgedAt());
    }

    private static FeedEntry readEntry(ResultSet row) throws SQLException {
        Date birthDate = row.getDate("patient_birth_date");
        long accessEventId = row.getLong("access_event_id");
        Long accessEvent = row.wasNull() ? null : accessEventId;
        NotificationRecord notification = new NotificationRecord(row.getString("id"), row.getString("la_code"),
                row.getString("la_name"), Category.fromCode(row.getString("category")).orElseThrow(),
                row.getString("batch_run_id"), accessEvent, row.getString("nhs_number"), row.getString("patient_name"),
                birthDate == null ? null : birthDate.toLocalDate(), instant(row, "accessed_at"), row.getString("user_id"),
                row.getString("user_name"), row.getString("job_role"), row.getString("org_code"),
                row.getString("org_name"), row.getString("related_nhs_number"), instant(row, "created_at"),
                instant(row, "acknowledged_at"), acknowledger(row));
        return new FeedEntry(row.getLong("seq"), notification, row.getBoolean("restricted"));
    }

    private static Acknowledger acknowledger(ResultSet row) throws SQLException {
        String userId = row.getString("acknowledged_by");
        return userId == null ? null : new Acknowledger(userId, row.getString("acknowledged_by_name"),
                row.getString("acknowledged_by_role"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
