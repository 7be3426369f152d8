package uk.nhs.cpis.batch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.nhs.cpis.db.Database;

/** The batch_run table. */
@ApplicationScoped
public class BatchRunRepository {
    private static final String COLUMNS = "id, run_trigger, status, cutoff, events_read, notifications_created, "
            + "suppressed, events_without_plan, plans_purged, access_events_purged, notifications_purged, failure, "
            + "started_at, finished_at";

    @Inject
    Database database;

    public void insert(BatchRun run) {
        database.update("insert into batch_run (" + COLUMNS + ") values (?, ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, ?, ?, ?)",
                statement -> {
                    statement.setString(1, run.id());
                    statement.setString(2, run.trigger().name());
                    statement.setString(3, run.status().name());
                    statement.setTimestamp(4, Timestamp.from(run.cutoff()));
                    statement.setString(5, run.failure());
                    statement.setTimestamp(6, Timestamp.from(run.startedAt()));
                    statement.setTimestamp(7, run.finishedAt() == null ? null : Timestamp.from(run.finishedAt()));
                });
    }

    /** Adds a committed chunk's counts, in the chunk's transaction: a failed run shows what it did commit. */
    public void addCounts(String id, ChunkCounts counts) {
        database.update("update batch_run set events_read = events_read + ?, notifications_created = "
                + "notifications_created + ?, suppressed = suppressed + ?, events_without_plan = events_without_plan + ? "
                + "where id = ?", statement -> {
                    statement.setLong(1, counts.eventsRead());
                    statement.setLong(2, counts.notificationsCreated());
                    statement.setLong(3, counts.suppressed());
                    statement.setLong(4, counts.eventsWithoutPlan());
                    statement.setString(5, id);
                });
    }

    public void complete(String id, Housekeeping.Purged purged, Instant finishedAt) {
        database.update("update batch_run set status = ?, plans_purged = ?, access_events_purged = ?, "
                + "notifications_purged = ?, finished_at = ? where id = ?", statement -> {
                    statement.setString(1, BatchRun.Status.COMPLETED.name());
                    statement.setLong(2, purged.plans());
                    statement.setLong(3, purged.accessEvents());
                    statement.setLong(4, purged.notifications());
                    statement.setTimestamp(5, Timestamp.from(finishedAt));
                    statement.setString(6, id);
                });
    }

    public void fail(String id, String failure, Instant finishedAt) {
        database.update("update batch_run set status = ?, failure = ?, finished_at = ? where id = ?", statement -> {
            statement.setString(1, BatchRun.Status.FAILED.name());
            statement.setString(2, failure);
            statement.setTimestamp(3, Timestamp.from(finishedAt));
            statement.setString(4, id);
        });
    }

    /** Runs still marked running: called by the lock holder, for whom they can only be runs that died. */
    public List<String> runningIds() {
        return database.query("select id from batch_run where status = ?",
                statement -> statement.setString(1, BatchRun.Status.RUNNING.name()), row -> row.getString(1));
    }

    /** When the last completed run finished, on any instance. */
    public Optional<Instant> lastCompletedAt() {
        return database.queryFirst("select max(finished_at) from batch_run where status = ?",
                statement -> statement.setString(1, BatchRun.Status.COMPLETED.name()),
                row -> Optional.ofNullable(row.getTimestamp(1)).map(Timestamp::toInstant)).flatMap(at -> at);
    }

    public Optional<BatchRun> find(String id) {
        return database.queryFirst("select " + COLUMNS + " from batch_run where id = ?",
                statement -> statement.setString(1, id), BatchRunRepository::read);
    }

    public List<BatchRun> latest(int limit) {
        return database.query("select " + COLUMNS + " from batch_run order by started_at desc, id fetch first " + limit
                + " rows only", Database.NO_PARAMETERS, BatchRunRepository::read);
    }

    private static BatchRun read(ResultSet row) throws SQLException {
        Timestamp finished = row.getTimestamp("finished_at");
        return new BatchRun(row.getString("id"), BatchRun.Trigger.valueOf(row.getString("run_trigger")),
                BatchRun.Status.valueOf(row.getString("status")), row.getTimestamp("cutoff").toInstant(),
                new ChunkCounts(row.getLong("events_read"), row.getLong("notifications_created"),
                        row.getLong("suppressed"), row.getLong("events_without_plan")),
                new Housekeeping.Purged(row.getLong("plans_purged"), row.getLong("access_events_purged"),
                        row.getLong("notifications_purged")),
                row.getString("failure"), row.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant());
    }
}
