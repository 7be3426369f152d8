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
