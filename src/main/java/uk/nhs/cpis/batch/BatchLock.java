package uk.nhs.cpis.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.nhs.cpis.db.Jdbc;

/**
 * One batch at a time across every instance on the database: a run holds the batch_lock row with
 * {@code select ... for update nowait} on a connection of its own (PostgreSQL and H2 alike), outside
 * the chunk transactions. If the instance dies, its connection closes and the row is free again.
 */
@ApplicationScoped
public class BatchLock {
    private static final String LOCK = "select name from batch_lock where name = 'asn-batch' for update nowait";
    // PostgreSQL answers lock_not_available to NOWAIT; H2 a lock timeout.
    private static final Set<String> HELD_ELSEWHERE = Set.of("55P03", "HYT00");

    @Inject
    DataSource dataSource;

    /** The held lock; {@link #release()} ends its transaction and frees the row. */
    public static final class Held {
        private final Connection connection;

        private Held(Connection connection) {
            this.connection = connection;
        }

        public void release() {
            try (connection) {
                connection.rollback();
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                // Closing the connection ends its transaction, which is all the release needs.
            }
        }
    }

    /** The lock, or empty when another run (on this or another instance) holds it. */
    public Optional<Held> tryAcquire() {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(LOCK);
                    ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("batch_lock has no row: migration V4 not applied");
                }
            }
            return Optional.of(new Held(connection));
        } catch (SQLException e) {
            if (connection != null) {
                new Held(connection).release();
            }
            if (HELD_ELSEWHERE.contains(e.getSQLState())) {
                return Optional.empty();
            }
            throw Jdbc.failure(e);
        }
    }
}
