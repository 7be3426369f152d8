package uk.nhs.cpis.upload;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.nhs.cpis.db.Database;

@ApplicationScoped
class AcknowledgementRepository {
    private static final String SELECT = "select id, la_code, la_name, bundle_key, request_hash, status, entry_count, "
            + "request_body, response_body from upload_acknowledgement ";

    @Inject
    Database database;

    /**
     * Fails with a unique violation when the LA already sent a Bundle with this identifier. An upload
     * answered at once is complete when it is received.
     */
    void insert(Acknowledgement ack, Instant receivedAt) {
        database.update("insert into upload_acknowledgement (id, la_code, la_name, bundle_key, request_hash, status, "
                + "entry_count, received_at, request_body, response_body, completed_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                statement -> {
                    statement.setString(1, ack.id());
                    statement.setString(2, ack.laCode());
                    statement.setString(3, ack.laName());
                    statement.setString(4, ack.bundleKey());
                    statement.setString(5, ack.requestHash());
                    statement.setString(6, ack.status().name());
                    statement.setInt(7, ack.entryCount());
                    statement.setTimestamp(8, Timestamp.from(receivedAt));
                    statement.setString(9, ack.requestBody());
                    statement.setString(10, ack.responseBody());
                    statement.setTimestamp(11, ack.status() == Acknowledgement.Status.COMPLETE
                            ? Timestamp.from(receivedAt) : null);
                });
    }

    /** Stores the answer and drops the request, which is no longer needed. */
    void complete(String id, String responseBody, Instant completedAt) {
        database.update("update upload_acknowledgement set status = 'COMPLETE', response_body = ?, "
                + "request_body = null, completed_at = ? where id = ?", statement -> {
                    statement.setString(1, responseBody);
                    statement.setTimestamp(2, Timestamp.from(completedAt));
                    statement.setString(3, id);
                });
    }

    /**
     * A queued upload that could not be applied: nothing of it was. The request goes too (it holds patient
     * data, and the LA resends from its own records); the row stays, so its status URL answers the failure.
     */
    void fail(String id, Instant failedAt) {
        database.update("update upload_acknowledgement set status = 'FAILED', request_body = null, completed_at = ? "
                + "where id = ? and status = 'QUEUED'", statement -> {
                    statement.setTimestamp(1, Timestamp.from(failedAt));
                    statement.setString(2, id);
                });
    }

    Optional<Acknowledgement> find(String id) {
        return database.queryFirst(SELECT + "where id = ?", s -> s.setString(1, id), AcknowledgementRepository::read);
    }

    Optional<Acknowledgement> findByBundle(String laCode, String bundleKey) {
        return database.queryFirst(SELECT + "where la_code = ? and bundle_key = ?", s -> {
            s.setString(1, laCode);
            s.setString(2, bundleKey);
        }, AcknowledgementRepository::read);
    }

    /**
     * Takes the row lock of a queued upload: a second instance blocks here, then finds it no longer
     * queued. False when the upload is not (or no longer) queued.
     */
    boolean claimQueued(String id) {
        return database.update("update upload_acknowledgement set status = 'QUEUED' where id = ? and status = 'QUEUED'",
                s -> s.setString(1, id)) == 1;
    }

    /** An upload as its LA's list shows it: the stored answer without the request. */
    record Listed(String id, String identifier, Acknowledgement.Status status, int entries, Instant receivedAt,
            Instant completedAt, String responseBody) {
    }

    List<Listed> recent(String laCode, int limit) {
        return database.query("select id, bundle_key, status, entry_count, received_at, completed_at, response_body "
                + "from upload_acknowledgement where la_code = ? order by received_at desc, id limit ?", s -> {
                    s.setString(1, laCode);
                    s.setInt(2, limit);
                }, row -> new Listed(row.getString("id"), row.getString("bundle_key"),
                        Acknowledgement.Status.valueOf(row.getString("status")), row.getInt("entry_count"),
                        row.getTimestamp("received_at").toInstant(), instant(row.getTimestamp("completed_at")),
                        row.getString("response_body")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    List<String> queuedIds() {
        return database.query("select id from upload_acknowledgement where status = 'QUEUED' order by received_at",
                Database.NO_PARAMETERS, row -> row.getString(1));
    }

    private static Acknowledgement read(ResultSet row) throws SQLException {
        return new Acknowledgement(row.getString("id"), row.getString("la_code"), row.getString("la_name"),
                row.getString("bundle_key"), row.getString("request_hash"),
                Acknowledgement.Status.valueOf(row.getString("status")), row.getInt("entry_count"),
                row.getString("request_body"), row.getString("response_body"));
    }
}
