package uk.nhs.cpis.notification.restriction;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The restriction rules as SQL over a notification table alias, so that the feed filters restricted
 * children in the same query that pages it (a page is never short because rows were dropped later).
 */
public final class RestrictionSql {
    private static final String IN_FORCE = "select 1 from la_restriction r where r.la_code = %1$s.la_code "
            + "and r.active_nhs_number = %1$s.nhs_number";
    private static final String NAMED = "select 1 from la_restriction_user u where u.restriction_id = r.id "
            + "and u.user_id = ?";

    private RestrictionSql() {
    }

    /** True when a restriction is in force for the notification's child (binds nothing). */
    public static String restricted(String alias) {
        return "exists (" + IN_FORCE.formatted(alias) + ")";
    }

    /** True when the notification is visible to the viewer; bind with {@link #bindVisible}. */
    public static String visible(String alias, Viewer viewer) {
        if (viewer.unrestricted()) {
            return "1 = 1";
        }
        return "not exists (" + IN_FORCE.formatted(alias) + " and ((r.kind = '"
                + RestrictionKind.ONLY_NAMED_USERS.name() + "' and not exists (" + NAMED + ")) or (r.kind = '"
                + RestrictionKind.ALL_EXCEPT_NAMED_USERS.name() + "' and exists (" + NAMED + "))))";
    }

    /** Binds {@link #visible}'s parameters from {@code index}; answers the next free index. */
    public static int bindVisible(PreparedStatement statement, int index, Viewer viewer) throws SQLException {
        if (viewer.unrestricted()) {
            return index;
        }
        statement.setString(index, viewer.userId());
        statement.setString(index + 1, viewer.userId());
        return index + 2;
    }
}
