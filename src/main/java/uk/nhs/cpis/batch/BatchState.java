package uk.nhs.cpis.batch;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

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
    private static final String CHUNK = """
            select e.id, e.accessed_at, e.nhs_number, e.user_id, e.user_name, e.job_role, e.org_code, e.org_name,
                   a.last_asn_access_at
              from (select id, accessed_at, nhs_number, user_id, user_name, job_role, org_code, org_name
                      from access_event where (accessed_at, id) > (?, ?) and accessed_at <= ?
                     order by accessed_at, id fetch first %d rows only) e
              left join asn_anchor a
                on a.nhs_number = e.nhs_number and a.user_id = e.user_id and a.org_code = e.org_code
            """;
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

    @Inject
    Database database;

    public Watermark watermark() {
        return database.queryFirst("select accessed_at, access_event_id from asn_watermark where id = 1",
                Database.NO_PARAMETERS, row -> new Watermark(row.getTimestamp(1).toInstant(), row.getLong(2)))
                .orElseThrow(() -> new IllegalStateException("asn_watermark has no row: migration V4 not applied"));
    }

    public void moveWatermark(Watermark to) {
        database.update("update asn_watermark set accessed_at = ?, access_event_id = ? where id = 1", statement -> {
            statement.setTimestamp(1, Timestamp.from(to.accessedAt()));
            statement.setLong(2, to.accessEventId());
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
     * The next chunk of access events after the watermark, up to the cut-off, in (time, id) order,
     * each with its stored anchor: one query, an index lookup per event.
     */
    public List<ChunkEvent> readChunk(Watermark after, Instant cutoff, int limit) {
        List<ChunkEvent> chunk = database.query(CHUNK.formatted(limit), statement -> {
            Jdbc.setInstant(statement, 1, after.accessedAt());
            statement.setLong(2, after.accessEventId());
            Jdbc.setInstant(statement, 3, cutoff);
        }, row -> new ChunkEvent(new AccessEvent(row.getLong("id"), Jdbc.getInstant(row, "accessed_at"),
                row.getString("nhs_number"), row.getString("user_id"), row.getString("user_name"),
                row.getString("job_role"), row.getString("org_code"), row.getString("org_name")),
                Jdbc.getInstant(row, "last_asn_access_at")));
        // Sorted here rather than by the database: the join's rows need no order, the rule does.
        chunk.sort(Comparator.comparing((ChunkEvent e) -> e.event().accessedAt())
                .thenComparingLong(e -> e.event().id()));
        return chunk;
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

    /** Retention: removes access events older than {@code before}, never one the batch has not read yet. */
    public int purgeEventsBefore(Instant before, Watermark watermark) {
        return database.update("delete from access_event where accessed_at < ? and (accessed_at, id) <= (?, ?)",
                statement -> {
                    statement.setTimestamp(1, Timestamp.from(before));
                    statement.setTimestamp(2, Timestamp.from(watermark.accessedAt()));
                    statement.setLong(3, watermark.accessEventId());
                });
    }

    private static void bindKey(PreparedStatement statement, int first, AnchorKey key) throws SQLException {
        statement.setString(first, key.nhsNumber());
        statement.setString(first + 1, key.userId());
        statement.setString(first + 2, key.orgCode());
    }
}
