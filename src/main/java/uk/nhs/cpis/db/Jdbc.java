package uk.nhs.cpis.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;

/** Small JDBC helpers shared by the repositories. */
public final class Jdbc {
    private Jdbc() {
    }

    public static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** Binds the values from {@code firstIndex} on; answers the next free index. */
    public static int bindAll(PreparedStatement statement, int firstIndex, Collection<String> values) throws SQLException {
        int index = firstIndex;
        for (String value : values) {
            statement.setString(index++, value);
        }
        return index;
    }

    /**
     * Binds an instant as a timestamp with time zone. Both drivers take an OffsetDateTime directly;
     * java.sql.Timestamp goes through java.util.Calendar, which shows in a batch of a million rows.
     */
    public static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setObject(index, value == null ? null : value.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
    }

    /** A timestamp with time zone column as an instant, or null. */
    public static Instant getInstant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A date column as a LocalDate, or null (without java.sql.Date's Calendar). */
    public static LocalDate getLocalDate(ResultSet row, String column) throws SQLException {
        return row.getObject(column, LocalDate.class);
    }

    /**
     * Wraps a database failure without its message: database messages quote the offending row's
     * values (NHS numbers among them), and this exception may be logged.
     */
    public static DatabaseException failure(SQLException e) {
        return new DatabaseException(e.getSQLState(), e.getClass().getName());
    }

    /**
     * Whether a failure may pass if the same work is tried again a little later: a deadlock or
     * serialisation failure (class 40), a lost connection (class 08), a lock not granted in time
     * (PostgreSQL 55P03, H2 HYT00) or a cancelled statement (57014).
     */
    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String state = t instanceof SQLException sql ? sql.getSQLState()
                    : t instanceof DatabaseException db ? db.sqlState() : null;
            if (state != null && (state.startsWith("40") || state.startsWith("08") || state.equals("55P03")
                    || state.equals("HYT00") || state.equals("57014"))) {
                return true;
            }
        }
        return false;
    }

    public static boolean isUniqueViolation(Throwable e) {
        return hasState(e, "23505");
    }

    /**
     * Whether the database refused a write because it is read-only: PostgreSQL's read_only_sql_transaction
     * (a hot standby, or default_transaction_read_only), H2's "database is read only".
     */
    public static boolean isReadOnlyRefusal(Throwable e) {
        return hasState(e, "25006") || hasState(e, "90097");
    }

    private static boolean hasState(Throwable e, String wanted) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String state = t instanceof SQLException sql ? sql.getSQLState()
                    : t instanceof DatabaseException db ? db.sqlState() : null;
            if (wanted.equals(state)) {
                return true;
            }
            // A batch's first failure hides behind the batch exception.
            if (t instanceof SQLException sql && sql.getNextException() != null
                    && wanted.equals(sql.getNextException().getSQLState())) {
                return true;
            }
        }
        return false;
    }

    public static class DatabaseException extends RuntimeException {
        private final String sqlState;

        public DatabaseException(String sqlState, String type) {
            super("database failure: state=" + sqlState + " type=" + type, null, false, false);
            this.sqlState = sqlState;
        }

        public String sqlState() {
            return sqlState;
        }
    }
}
