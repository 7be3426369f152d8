package uk.nhs.cpis.lookup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.nhs.cpis.db.Database;
import uk.nhs.cpis.db.Jdbc;
import uk.nhs.cpis.db.LookupChanges;
import uk.nhs.cpis.demographics.LinkedNumbers;
import uk.nhs.cpis.demographics.PatientRecord;
import uk.nhs.cpis.demographics.PatientRepository;
import uk.nhs.cpis.plan.PlanRecord;
import uk.nhs.cpis.plan.PlanRepository;

/**
 * What the lookup snapshot ({@link LookupSnapshot}) reads: the probe each lookup makes, and the plans, staff
 * restrictions and supersession links it keeps, for everything or for the numbers a change names. The tables
 * stay their repositories' own; this reuses their column lists and readers.
 */
@ApplicationScoped
public class LookupRepository {
    /** A plan not withdrawn and the register entry of the number it is held under (null if none). */
    record ShownPlan(PlanRecord plan, PatientRecord patient) {
    }

    /** A staff restriction: the user it stops and the number it names. */
    record Restricting(long id, String userId, String nhsNumber) {
    }

    /** What a lookup reads from the database: the last change's version, and whether the register holds the number. */
    record Probe(LookupChanges.Head head, boolean registered) {
    }

    /** Numbers in one chain walk: each seed costs the walk a few index lookups, and the IN lists stay short. */
    private static final int SEEDS_PER_QUERY = 100;
    /** How many register entries the number has (0 or 1). */
    private static final String REGISTERED = "(select count(*) from patient x where x.nhs_number = ?)";
    private static final String PROBE = "select v.version, v.purged_through, " + REGISTERED
            + " from lookup_version v where v.id = 1";
    private static final String PLANS = "select " + prefixed("p", PlanRepository.COLUMNS) + ", "
            // The entry of the number the plan is held under (its nhs_number is the plan's).
            + prefixed("pt", PatientRepository.COLUMNS.replace("nhs_number, ", ""))
            + ", pt.nhs_number as plan_registered"
            + " from care_plan p left join patient pt on pt.nhs_number = p.nhs_number where p.withdrawn = false";
    private static final String RESTRICTIONS = "select id, user_id, nhs_number from staff_restriction";

    @Inject
    Database database;

    Probe probe(String nhsNumber) {
        return database.queryFirst(PROBE, statement -> statement.setString(1, nhsNumber),
                row -> new Probe(new LookupChanges.Head(row.getLong(1), row.getLong(2)), row.getLong(3) > 0))
                .orElseThrow();
    }

    boolean registered(String nhsNumber) {
        return database.queryFirst("select " + REGISTERED,
                statement -> statement.setString(1, nhsNumber), row -> row.getLong(1) > 0).orElseThrow();
    }

    List<ShownPlan> allPlans() {
        List<ShownPlan> plans = new ArrayList<>();
        database.forEachRow(PLANS, Database.NO_PARAMETERS, row -> plans.add(shownPlan(row)));
        return plans;
    }

    List<ShownPlan> plans(Collection<String> nhsNumbers) {
        return ofNumbers(PLANS + " and p.nhs_number in (%s)", nhsNumbers, LookupRepository::shownPlan);
    }

    List<Restricting> allRestrictions() {
        return database.query(RESTRICTIONS, Database.NO_PARAMETERS, LookupRepository::restricting);
    }

    List<Restricting> restrictions(Collection<String> nhsNumbers) {
        return ofNumbers(RESTRICTIONS + " where nhs_number in (%s)", nhsNumbers, LookupRepository::restricting);
    }

    /** The rows of {@code sql} for these numbers, which fill its IN list ({@code %s}) a chunk at a time. */
    private <T> List<T> ofNumbers(String sql, Collection<String> nhsNumbers, Database.RowReader<T> reader) {
        List<T> rows = new ArrayList<>();
        inChunks(nhsNumbers, chunk -> database.forEachRow(sql.formatted(Jdbc.placeholders(chunk.size())),
                statement -> Jdbc.bindAll(statement, 1, chunk), row -> rows.add(reader.read(row))));
        return rows;
    }

    /** Every supersession link of the register: each number and the number that replaced it. */
    Map<String, String> allLinks() {
        Map<String, String> links = new HashMap<>();
        database.forEachRow("select nhs_number, replaced_by from patient where replaced_by is not null",
                Database.NO_PARAMETERS, row -> links.put(row.getString(1), row.getString(2)));
        return links;
    }

    /** For each seed, the numbers the register links to it, itself included ({@link LinkedNumbers}). */
    Map<String, Set<String>> chains(Collection<String> seeds) {
        Map<String, Set<String>> chains = new HashMap<>();
        inChunks(seeds, chunk -> database.forEachRow(LinkedNumbers.with(String.join(" union all ",
                Collections.nCopies(chunk.size(), "select cast(? as varchar(10)) as nhs_number")))
                + "select seed, nhs_number from linked", statement -> Jdbc.bindAll(statement, 1, chunk),
                row -> chains.computeIfAbsent(row.getString(1), seed -> new HashSet<>()).add(row.getString(2))));
        return chains;
    }

    private static void inChunks(Collection<String> values, Consumer<List<String>> query) {
        List<String> all = List.copyOf(values);
        for (int from = 0; from < all.size(); from += SEEDS_PER_QUERY) {
            query.accept(all.subList(from, Math.min(all.size(), from + SEEDS_PER_QUERY)));
        }
    }

    private static ShownPlan shownPlan(ResultSet row) throws SQLException {
        boolean planRegistered = row.getString("plan_registered") != null;
        return new ShownPlan(PlanRepository.read(row), planRegistered ? PatientRepository.read(row) : null);
    }

    private static Restricting restricting(ResultSet row) throws SQLException {
        return new Restricting(row.getLong("id"), row.getString("user_id"), row.getString("nhs_number"));
    }

    private static String prefixed(String alias, String columns) {
        return Arrays.stream(columns.split(",\\s*")).map(c -> alias + "." + c).collect(Collectors.joining(", "));
    }
}
