package uk.nhs.cpis.batch;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.nhs.cpis.db.Database;
import uk.nhs.cpis.db.Jdbc;

/**
 * What the batch carries from chunk to chunk and from run to run: the access events it has read
 * (the watermark) and the 24-hour anchors. Both are written in the chunk's own transaction.
 */
@ApplicationScoped
public class BatchState {
    private static final String EVENT_COLUMNS = "id, accessed_at, nhs_number, user_id, user_name, job_role, org_code, "
            + "org_name";

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

    /** The next chunk of access events after the watermark, up to the cut-off, in (time, id) order. */
    public List<AccessEvent> eventsAfter(Watermark after, Instant cutoff, int limit) {
        return database.query("select " + EVENT_COLUMNS + " from access_event where (accessed_at, id) > (?, ?) "
                + "and accessed_at <= ? order by accessed_at, id fetch first " + limit + " rows only", statement -> {
                    statement.setTimestamp(1, Timestamp.from(after.accessedAt()));
                    statement.setLong(2, after.accessEventId());
                    statement.setTimestamp(3, Timestamp.from(cutoff));
                }, BatchState::readEvent);
    }

    /** The anchors of every key of these patients. */
    public Map<AnchorKey, Instant> anchorsFor(Collection<String> nhsNumbers) {
        Map<AnchorKey, Instant> anchors = new HashMap<>();
        if (nhsNumbers.isEmpty()) {
            return anchors;
        }
        database.query("select nhs_number, user_id, org_code, last_asn_access_at from asn_anchor where nhs_number in ("
                + Jdbc.placeholders(nhsNumbers.size()) + ")", statement -> Jdbc.bindAll(statement, 1, nhsNumbers),
                row -> anchors.put(new AnchorKey(row.getString(1), row.getString(2), row.getString(3)),
                        row.getTimestamp(4).toInstant()));
        return anchors;
    }

    /** Stores moved anchors: updates the keys that had one, inserts the others. */
    public void saveAnchors(Map<AnchorKey, Instant> moved, Collection<AnchorKey> stored) {
        List<Map.Entry<AnchorKey, Instant>> updates = new ArrayList<>();
        List<Map.Entry<AnchorKey, Instant>> inserts = new ArrayList<>();
        moved.entrySet().forEach(anchor -> (stored.contains(anchor.getKey()) ? updates : inserts).add(anchor));
        database.batch("update asn_anchor set last_asn_access_at = ? where nhs_number = ? and user_id = ? "
                + "and org_code = ?", updates, (statement, anchor) -> {
                    statement.setTimestamp(1, Timestamp.from(anchor.getValue()));
                    bindKey(statement, 2, anchor.getKey());
                });
        database.batch("insert into asn_anchor (last_asn_access_at, nhs_number, user_id, org_code) values (?, ?, ?, ?)",
                inserts, (statement, anchor) -> {
                    statement.setTimestamp(1, Timestamp.from(anchor.getValue()));
                    bindKey(statement, 2, anchor.getKey());
                });
    }

    /** Anchors older than a full window before the watermark can no longer suppress anything. */
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

    private static AccessEvent readEvent(ResultSet row) throws SQLException {
        return new AccessEvent(row.getLong(1), row.getTimestamp(2).toInstant(), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), row.getString(7), row.getString(8));
    }
}
