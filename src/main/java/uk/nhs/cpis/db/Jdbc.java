package uk.nhs.cpis.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
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
     * Wraps a database failure without its message: database messages quote the offending row's
     * values (NHS numbers among them), and this exception may be logged.
     */
    public static DatabaseException failure(SQLException e) {
        return new DatabaseException(e.getSQLState(), e.getClass().getName());
    }

    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String state = t instanceof SQLException sql ? sql.getSQLState()
                    : t instanceof DatabaseException db ? db.sqlState() : null;
            if ("23505".equals(state)) {
                return true;
            }
        }
        return false;
    }

    public static class DatabaseException extends RuntimeException {
        private final String sqlState;

        DatabaseException(String sqlState, String type) {
            super("database failure: state=" + sqlState + " type=" + type, null, false, false);
            this.sqlState = sqlState;
        }

        public String sqlState() {
            return sqlState;
        }
    }
}
