package uk.nhs.cpis.lookup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.nhs.cpis.db.Database;
import uk.nhs.cpis.db.Jdbc;
import uk.nhs.cpis.demographics.LinkedNumbers;
import uk.nhs.cpis.demographics.PatientRecord;
import uk.nhs.cpis.demographics.PatientRepository;
import uk.nhs.cpis.plan.PlanRecord;
import uk.nhs.cpis.plan.PlanRepository;

/**
 * What a presence or details lookup reads, in two round trips: whether a staff restriction stops the
 * caller, the displayable plans with the register entries they are shown with, and whether the register
 * holds the number looked up. Lookups are the hot path, and each query costs the database latency; the tables stay their repositories' own, and this read reuses their column lists, readers and
 * the display-window condition. A number stands for its whole supersession chain ({@link LinkedNumbers}):
 * a plan held under a number the register has replaced shows, and a restriction recorded against it
 * stops the user, until the LA resubmits under the new number, and after.
 */
@ApplicationScoped
public class LookupRepository {
    /**
     * The restriction stopping the user (if any, whichever organisation made it and whichever linked number
     * it names), the plans in display order, the numbers linked to the one looked up (itself included), and
     * whether the register holds the number looked up.
     */
    record Lookup(Optional<Long> restriction, List<ShownPlan> plans, Set<String> linkedNumbers, boolean registered) {
    }

    /** A displayable plan and the register entry of the number it is held under (null if none). */
    record ShownPlan(PlanRecord plan, PatientRecord patient) {
    }

    /**
     * The numbers linked to the one looked up, the restriction stopping the user and whether the register
     * holds the number. The plans are read by a second query naming those numbers: joined to the walk's
     * result in one query, PostgreSQL cannot tell that the walk yields a number or two and reads every
     * plan instead of using the index (measured: 19 lookups/s at 100,000 plans against 3,000).
     */
    private static final String CHAIN = LinkedNumbers.with("select cast(? as varchar(10)) as nhs_number")
            + "select l.nhs_number as linked_number,"
            + " (select min(r.id) from staff_restriction r where r.user_id = ?"
            + " and r.nhs_number in (select c.nhs_number from linked c)) as restriction_id,"
            + " (select count(*) from patient x where x.nhs_number = ?) as registered"
            + " from linked l";
    private static final String PLANS = "select " + prefixed("p", PlanRepository.COLUMNS) + ", "
            // The entry of the number the plan is held under (its nhs_number is the plan's).
            + prefixed("pt", PatientRepository.COLUMNS.replace("nhs_number, ", ""))
            + ", pt.nhs_number as plan_registered"
            + " from care_plan p left join patient pt on pt.nhs_number = p.nhs_number"
            + " where " + PlanRepository.displayableOn("p") + " and p.nhs_number in (%s)"
            + " order by p.start_date, p.id";

    @Inject
    Database database;

    Lookup read(String userId, String nhsNumber, LocalDate day) {
        List<Chain> chain = database.query(CHAIN, statement -> {
            statement.setString(1, nhsNumber);
            statement.setString(2, userId);
            statement.setString(3, nhsNumber);
        }, LookupRepository::chain);
        Set<String> linked = chain.stream().map(Chain::linkedNumber).collect(Collectors.toCollection(HashSet::new));
        List<ShownPlan> plans = database.query(PLANS.formatted(Jdbc.placeholders(linked.size())), statement -> {
            int next = PlanRepository.bindDisplayableOn(statement, 1, day);
            Jdbc.bindAll(statement, next, linked);
        }, LookupRepository::shownPlan);
        Chain first = chain.get(0);
        return new Lookup(first.restriction(), plans, linked, first.registered());
    }

    private record Chain(String linkedNumber, Optional<Long> restriction, boolean registered) {
    }

    private static Chain chain(ResultSet row) throws SQLException {
        long restriction = row.getLong("restriction_id");
        Optional<Long> restricting = row.wasNull() ? Optional.empty() : Optional.of(restriction);
        return new Chain(row.getString("linked_number"), restricting, row.getLong("registered") > 0);
    }

    private static ShownPlan shownPlan(ResultSet row) throws SQLException {
        boolean planRegistered = row.getString("plan_registered") != null;
        return new ShownPlan(PlanRepository.read(row), planRegistered ? PatientRepository.read(row) : null);
    }

    private static String prefixed(String alias, String columns) {
        return Arrays.stream(columns.split(",\\s*")).map(c -> alias + "." + c).collect(Collectors.joining(", "));
    }
}
