package uk.nhs.cpis.notification.restriction;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

import uk.nhs.cpis.db.Jdbc;

/**
 * The restriction rules as SQL over a notification table alias, so that the feed filters restricted
 * children in the same query that pages it (a page is never short because rows were dropped later).
 * The feed, read and $acknowledge all filter through here.
 */
public final class RestrictionSql {
    // A notification names a child as its subject or as its related number: a birth notification's
    // subject is the mother and the related number the newborn (seed 000: a newborn placed for adoption
    // is the restricted one); an inactive-NHS-number notification relates the new number. A restriction
    // on the child covers both. One subquery per column rather than "in (nhs_number, related_nhs_number)":
    // H2 probes the (la_code, active_nhs_number) key only for an equality, and would otherwise read every
    // restriction of the LA for each notification.
    private static final List<String> NAMING_COLUMNS = List.of("nhs_number", "related_nhs_number");
    private static final String IN_FORCE = "select 1 from la_restriction r where r.la_code = %1$s.la_code "
            + "and r.active_nhs_number = %1$s.%2$s";
    private static final String NAMED = "select 1 from la_restriction_user u where u.restriction_id = r.id "
            + "and u.user_id in (%s)";
    private static final String KEPT_OUT = "(r.kind = '" + RestrictionKind.ALL_EXCEPT_NAMED_USERS.name()
            + "' and exists (" + NAMED + "))";
    private static final String NOT_LET_IN = "(r.kind = '" + RestrictionKind.ONLY_NAMED_USERS.name()
            + "' and not exists (" + NAMED + "))";

    private RestrictionSql() {
    }

    /** True when a restriction is in force for a child the notification names (binds nothing). */
    public static String restricted(String alias) {
        return NAMING_COLUMNS.stream().map(column -> "exists (" + IN_FORCE.formatted(alias, column) + ")")
                .collect(Collectors.joining(" or ", "(", ")"));
    }

    /** True when the notification is visible to the viewer; bind with {@link #bindVisible}. */
    public static String visible(String alias, Viewer viewer) {
        if (viewer.access() == Viewer.Access.EVERYTHING) {
            return "1 = 1";
        }
        String names = Jdbc.placeholders(viewer.names().size());
        String hides = viewer.access() == Viewer.Access.REQUIRED ? KEPT_OUT.formatted(names)
                : "(" + KEPT_OUT.formatted(names) + " or " + NOT_LET_IN.formatted(names) + ")";
        return NAMING_COLUMNS.stream()
                .map(column -> "not exists (" + IN_FORCE.formatted(alias, column) + " and " + hides + ")")
                .collect(Collectors.joining(" and ", "(", ")"));
    }

    /** Binds {@link #visible}'s parameters from {@code index}; answers the next free index. */
    public static int bindVisible(PreparedStatement statement, int index, Viewer viewer) throws SQLException {
        int subqueries = switch (viewer.access()) {
            case EVERYTHING -> 0;
            case REQUIRED -> 1;
            case ORDINARY -> 2;
        };
        int next = index;
        for (int i = 0; i < NAMING_COLUMNS.size() * subqueries; i++) {
            next = Jdbc.bindAll(statement, next, viewer.names());
        }
        return next;
    }
}
