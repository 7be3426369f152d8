package uk.nhs.cpis.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Plain JDBC for the repositories, inside the caller's JTA transaction: bulk paths (a million
 * patients, a thousand plans per upload, a million access events per batch) go in batches.
 */
@ApplicationScoped
public class Database {
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    public interface ItemBinder<T> {
        void bind(PreparedStatement statement, T item) throws SQLException;
    }

    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    @FunctionalInterface
    public interface RowHandler {
        void handle(ResultSet row) throws SQLException;
    }

    public static final Binder NO_PARAMETERS = statement -> {
    };
    private static final int STREAMING_FETCH_SIZE = 5000;

    @Inject
    DataSource dataSource;

    public <T> List<T> query(String sql, Binder binder, RowReader<T> reader) {
        List<T> rows = new ArrayList<>();
        read(sql, binder, 0, row -> rows.add(reader.read(row)));
        return rows;
    }

    /**
     * Hands each row to {@code handler} as it arrives, for reads too large to hold as a list: inside a
     * transaction PostgreSQL then sends the rows in slices rather than all at once.
     */
    public void forEachRow(String sql, Binder binder, RowHandler handler) {
        read(sql, binder, STREAMING_FETCH_SIZE, handler);
    }

    private void read(String sql, Binder binder, int fetchSize, RowHandler handler) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            statement.setFetchSize(fetchSize);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    handler.handle(result);
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    /**
     * A read whose rows are handled in several transactions of the caller (the batch reads a run's events
     * in one sorted query and commits a chunk at a time): on a connection of its own, outside the caller's
     * transactions, in one snapshot; the database sends the rows {@code fetchSize} at a time. The caller
     * must not be in a transaction when it opens one.
     */
    public <T> Cursor<T> cursor(String sql, Binder binder, int fetchSize, RowReader<T> reader) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            // PostgreSQL keeps a cursor open, and fetches in slices, only inside a transaction.
            connection.setAutoCommit(false);
            PreparedStatement statement = connection.prepareStatement(sql);
            binder.bind(statement);
            statement.setFetchSize(fetchSize);
            return new Cursor<>(connection, statement, statement.executeQuery(), reader);
        } catch (SQLException e) {
            Cursor.closeQuietly(connection);
            throw Jdbc.failure(e);
        }
    }

    /** The open read of {@link #cursor}; close it to give its connection back. */
    public static final class Cursor<T> implements AutoCloseable {
        private final Connection connection;
        private final PreparedStatement statement;
        private final ResultSet rows;
        private final RowReader<T> reader;

        private Cursor(Connection connection, PreparedStatement statement, ResultSet rows, RowReader<T> reader) {
            this.connection = connection;
            this.statement = statement;
            this.rows = rows;
            this.reader = reader;
        }

        /** The next rows, at most {@code max}; fewer only at the end. */
        public List<T> next(int max) {
            List<T> next = new ArrayList<>(max);
            try {
                while (next.size() < max && rows.next()) {
                    next.add(reader.read(rows));
                }
            } catch (SQLException e) {
                throw Jdbc.failure(e);
            }
            return next;
        }

        @Override
        public void close() {
            try {
                rows.close();
                statement.close();
            } catch (SQLException e) {
                throw Jdbc.failure(e);
            } finally {
                closeQuietly(connection);
            }
        }

        // The read changed nothing: rolled back, and the connection goes back to the pool as it came.
        private static void closeQuietly(Connection connection) {
            if (connection == null) {
                return;
            }
            try (connection) {
                connection.rollback();
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                // closing it is all that is left to do
            }
        }
    }

    public <T> Optional<T> queryFirst(String sql, Binder binder, RowReader<T> reader) {
        return query(sql, binder, reader).stream().findFirst();
    }

    public int update(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    /** Inserts one row and answers the key the database generated for its {@code id} column. */
    public long insertReturningId(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql, new String[] { "id" })) {
            binder.bind(statement);
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new IllegalStateException("the insert generated no key");
                }
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    public <T> void batch(String sql, Collection<T> items, ItemBinder<T> binder) {
        if (items.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (T item : items) {
                binder.bind(statement, item);
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }
}
