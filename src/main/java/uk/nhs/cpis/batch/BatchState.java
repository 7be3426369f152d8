package uk.nhs.cpis.batch;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.nhs.cpis.audit.AccessEvent;
import uk.nhs.cpis.db.Database;
import uk.nhs.cpis.db.Jdbc;
import uk.nhs.cpis.demographics.LinkedNumbers;
import uk.nhs.cpis.notification.NotificationRecord;

/**
 * What the batch carries from chunk to chunk and from run to run: the access events it has read
 * (the watermark) and the 24-hour anchors. Both are written in the chunk's own transaction.
 */
@ApplicationScoped
public class BatchState {
    // A run's events in key order, each with its key's stored anchor: one join and one sort in the database.
    // Read in time order instead, each chunk looked its events' anchors up at random in a table holding a key
    // per (patient, user, organisation) of the day: an index lookup per event, or a scan of the table per chunk.
    private static final String RANGE = """
            select e.id, e.accessed_at, e.nhs_number, e.user_id, e.user_name, e.job_role, e.org_code, e.org_name,
                   a.last_asn_access_at
              from access_event e
              left join asn_anchor a
                on a.nhs_number = e.nhs_number and a.user_id = e.user_id and a.org_code = e.org_code
             where (e.accessed_at, e.id) > (?, ?) and e.accessed_at <= ?%s
             order by e.nhs_number, e.user_id, e.org_code, e.accessed_at, e.id
            """;
    private static final String AFTER_DONE = """

               and (e.nhs_number, e.user_id, e.org_code, e.accessed_at, e.id) > (?, ?, ?, ?, ?)""";
    private static final String STATE = "select accessed_at, access_event_id, range_cutoff, range_nhs_number, "
            + "range_user_id, range_org_code, range_accessed_at, range_event_id from asn_watermark where id = 1";
    private static final String SET_RANGE = "update asn_watermark set range_cutoff = ?, range_nhs_number = ?, "
            + "range_user_id = ?, range_org_code = ?, range_accessed_at = ?, range_event_id = ? where id = 1";
    private static final String PLANS = """
            select p.nhs_number, p.la_code, p.la_name, p.start_date, p.last_display_date,
                   r.family_name, r.given_name, r.birth_date
              from care_plan p left join patient r on r.nhs_number = p.nhs_number
             where p.withdrawn = false and p.last_display_date >= ?
            """;

    // Plan holders whose number the register links to another: few, so the chain walk starts from them alone.
    private static final String LINKED_HOLDERS = LinkedNumbers.with("""
            select distinct p.nhs_number from care_plan p
             where p.withdrawn = false and p.last_display_date >= ?
               and (exists (select 1 from patient r where r.nhs_number = p.nhs_number and r.replaced_by is not null)
                    or exists (select 1 from patient r where r.replaced_by = p.nhs_number))
            """) + "select seed, nhs_number from linked where nhs_number <> seed";

    /** The columns of a security-audit line an access event holds (V16). */
    private static final String AUDIT_LINE = "occurred_at, action, outcome, user_id, user_role, org_code, nhs_number, "
            + "result_count, request_id";

    @Inject
    Database database;

    public Watermark watermark() {
        return database.queryFirst("select accessed_at, access_event_id from asn_watermark where id = 1",
                Database.NO_PARAMETERS, row -> new Watermark(row.getTimestamp(1).toInstant(), row.getLong(2)))
                .orElseThrow(() -> new IllegalStateException("asn_watermark has no row: migration V4 not applied"));
    }

    /** The range a run that died left part done, if any. */
    public Optional<KeyRange> range() {
        return database.queryFirst(STATE, Database.NO_PARAMETERS, row -> {
            Instant cutoff = Jdbc.getInstant(row, "range_cutoff");
            if (cutoff == null) {
                return Optional.<KeyRange>empty();
            }
            Watermark after = new Watermark(Jdbc.getInstant(row, "accessed_at"), row.getLong("access_event_id"));
            Instant doneAt = Jdbc.getInstant(row, "range_accessed_at");
            return Optional.of(new KeyRange(after, cutoff, doneAt == null ? null : new KeyRange.Position(
                    row.getString("range_nhs_number"), row.getString("range_user_id"), row.getString("range_org_code"),
                    doneAt, row.getLong("range_event_id"))));
        }).flatMap(range -> range);
    }

    /** Starts the range of events after the watermark up to {@code cutoff}, none done yet. */
    public KeyRange beginRange(Instant cutoff) {
        KeyRange range = new KeyRange(watermark(), cutoff, null);
        setRange(cutoff, null);
        return range;
    }

    /** Records the events up to {@code done} in key order as processed, in the chunk's transaction. */
    public void rangeDone(KeyRange range, KeyRange.Position done) {
        setRange(range.cutoff(), done);
    }

    /**
     * Ends a range that is wholly processed: the watermark moves to its last event in (accessed_at, id) order
     * (stays, when it had none) and means again that every event up to it is processed.
     */
    public Watermark endRange(KeyRange range) {
        Watermark last = database.queryFirst("select accessed_at, id from access_event where (accessed_at, id) > (?, ?) "
                + "and accessed_at <= ? order by accessed_at desc, id desc fetch first 1 rows only", statement -> {
                    Jdbc.setInstant(statement, 1, range.after().accessedAt());
                    statement.setLong(2, range.after().accessEventId());
                    Jdbc.setInstant(statement, 3, range.cutoff());
                }, row -> new Watermark(Jdbc.getInstant(row, "accessed_at"), row.getLong("id")))
                .orElse(range.after());
        database.update("update asn_watermark set accessed_at = ?, access_event_id = ? where id = 1", statement -> {
            Jdbc.setInstant(statement, 1, last.accessedAt());
            statement.setLong(2, last.accessEventId());
        });
        setRange(null, null);
        return last;
    }

    private void setRange(Instant cutoff, KeyRange.Position done) {
        database.update(SET_RANGE, statement -> {
            Jdbc.setInstant(statement, 1, cutoff);
            statement.setString(2, done == null ? null : done.nhsNumber());
            statement.setString(3, done == null ? null : done.userId());
            statement.setString(4, done == null ? null : done.orgCode());
            Jdbc.setInstant(statement, 5, done == null ? null : done.accessedAt());
            statement.setObject(6, done == null ? null : done.accessEventId(), Types.BIGINT);
        });
    }

    /**
     * The plans that can still be displayed on or after {@code firstDay}, the day of the first event
     * a run reads: a plan whose display window closed earlier cannot be displayable at any later access.
     */
    public PlanSnapshot plans(LocalDate firstDay) {
        PlanSnapshot snapshot = new PlanSnapshot();
        database.forEachRow(PLANS, statement -> statement.setDate(1, Date.valueOf(firstDay)),
                row -> snapshot.add(row.getString("nhs_number"), new LaPlan(row.getString("la_code"),
                        row.getString("la_name"), Jdbc.getLocalDate(row, "start_date"),
                        Jdbc.getLocalDate(row, "last_display_date")),
                        NotificationRecord.displayName(row.getString("given_name"), row.getString("family_name")),
                        Jdbc.getLocalDate(row, "birth_date")));
        // An access to any number of a supersession chain concerns the plans held under each of its numbers.
        database.forEachRow(LINKED_HOLDERS, statement -> statement.setDate(1, Date.valueOf(firstDay)),
                row -> snapshot.link(row.getString("nhs_number"), row.getString("seed")));
        return snapshot;
    }

    /**
     * The range's events not yet done, in key order (patient, user, organisation, then time and id), each with
     * its key's anchor as stored when the read starts: a key's anchor changes only while its own events are
     * processed, which in this order come after the read started. On a connection of its own, outside the
     * caller's transactions (the chunks commit while it reads); call it outside a transaction.
     */
    public Database.Cursor<ChunkEvent> readRange(KeyRange range, int fetchSize) {
        KeyRange.Position done = range.done();
        return database.cursor(RANGE.formatted(done == null ? "" : AFTER_DONE), statement -> {
            Jdbc.setInstant(statement, 1, range.after().accessedAt());
            statement.setLong(2, range.after().accessEventId());
            Jdbc.setInstant(statement, 3, range.cutoff());
            if (done != null) {
                statement.setString(4, done.nhsNumber());
                statement.setString(5, done.userId());
                statement.setString(6, done.orgCode());
                Jdbc.setInstant(statement, 7, done.accessedAt());
                statement.setLong(8, done.accessEventId());
            }
        }, fetchSize, row -> new ChunkEvent(new AccessEvent(row.getLong("id"), Jdbc.getInstant(row, "accessed_at"),
                row.getString("nhs_number"), row.getString("user_id"), row.getString("user_name"),
                row.getString("job_role"), row.getString("org_code"), row.getString("org_name")),
                Jdbc.getInstant(row, "last_asn_access_at")));
    }

    /** Stores moved anchors: updates the keys that had one, inserts the others. */
    public void saveAnchors(Map<AnchorKey, Instant> moved, Collection<AnchorKey> stored) {
        List<Map.Entry<AnchorKey, Instant>> updates = new ArrayList<>();
        List<Map.Entry<AnchorKey, Instant>> inserts = new ArrayList<>();
        moved.entrySet().forEach(anchor -> (stored.contains(anchor.getKey()) ? updates : inserts).add(anchor));
        database.batch("update asn_anchor set last_asn_access_at = ? where nhs_number = ? and user_id = ? "
                + "and org_code = ?", updates, (statement, anchor) -> {
                    Jdbc.setInstant(statement, 1, anchor.getValue());
                    bindKey(statement, 2, anchor.getKey());
                });
        database.batch("insert into asn_anchor (last_asn_access_at, nhs_number, user_id, org_code) values (?, ?, ?, ?)",
                inserts, (statement, anchor) -> {
                    Jdbc.setInstant(statement, 1, anchor.getValue());
                    bindKey(statement, 2, anchor.getKey());
                });
    }

    /**
     * Anchors older than a full window before the watermark can no longer suppress anything. A scan:
     * an index on the time would cost every anchor write to save one nightly delete.
     */
    public int purgeAnchorsBefore(Instant before) {
        return database.update("delete from asn_anchor where last_asn_access_at < ?",
                statement -> statement.setTimestamp(1, Timestamp.from(before)));
    }

    /**
     * Retention: removes access events older than {@code before}, never one the batch has not read yet. The
     * security-audit lines they hold (V16) move to security_audit first: the audit is kept longer.
     */
    public int purgeEventsBefore(Instant before, Watermark watermark) {
        Database.Binder expired = statement -> {
            statement.setTimestamp(1, Timestamp.from(before));
            statement.setTimestamp(2, Timestamp.from(watermark.accessedAt()));
            statement.setLong(3, watermark.accessEventId());
        };
        database.update("insert into security_audit (" + AUDIT_LINE + ") select " + AUDIT_LINE
                + " from access_event_audit_line where occurred_at < ? and (occurred_at, id) <= (?, ?)", expired);
        return database.update("delete from access_event where accessed_at < ? and (accessed_at, id) <= (?, ?)",
                expired);
    }

    private static void bindKey(PreparedStatement statement, int first, AnchorKey key) throws SQLException {
        statement.setString(first, key.nhsNumber());
        statement.setString(first + 1, key.userId());
        statement.setString(first + 2, key.orgCode());
    }
}
