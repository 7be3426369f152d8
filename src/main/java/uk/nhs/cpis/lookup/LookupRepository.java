package uk.nhs.cpis.lookup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.nhs.cpis.db.Database;
import uk.nhs.cpis.demographics.PatientRecord;
import uk.nhs.cpis.demographics.PatientRepository;
import uk.nhs.cpis.plan.PlanRecord;
import uk.nhs.cpis.plan.PlanRepository;

/**
 * What a presence or details lookup reads, in one round trip: whether a staff restriction stops the
 * caller, the displayable plans, and the register entry they are shown with. Lookups are the hot path,
 * and three queries cost three times the database latency; the tables stay their repositories' own,
 * and this read reuses their column lists, readers and the display-window condition.
 */
@ApplicationScoped
public class LookupRepository {
    /** The restriction stopping the user (if any, whichever organisation made it), the plans in display order, and the patient (if registered). */
    record Lookup(Optional<Long> restriction, List<PlanRecord> plans, Optional<PatientRecord> patient) {
    }

    private static final String SQL = "select r.id as restriction_id, pt.nhs_number as registered, "
            + prefixed("p", PlanRepository.COLUMNS) + ", "
            + prefixed("pt", PatientRepository.COLUMNS.replace("nhs_number, ", ""))
            + " from (select cast(? as varchar(10)) as nhs_number) q"
            + " left join staff_restriction r on r.user_id = ? and r.nhs_number = q.nhs_number"
            + " left join care_plan p on p.nhs_number = q.nhs_number and " + PlanRepository.displayableOn("p")
            // The register entry of the number looked up, plans or none: a number it does not hold is told apart.
            + " left join patient pt on pt.nhs_number = q.nhs_number"
            + " order by p.start_date, p.id";

    @Inject
    Database database;

    Lookup read(String userId, String nhsNumber, LocalDate day) {
        List<Row> rows = database.query(SQL, statement -> {
            statement.setString(1, nhsNumber);
            statement.setString(2, userId);
            PlanRepository.bindDisplayableOn(statement, 3, day);
        }, LookupRepository::row);
        List<PlanRecord> plans = new ArrayList<>();
        rows.forEach(row -> row.plan().ifPresent(plans::add));
        Row first = rows.get(0);
        return new Lookup(first.restriction(), plans, first.patient());
    }

    private record Row(Optional<Long> restriction, Optional<PlanRecord> plan, Optional<PatientRecord> patient) {
    }

    private static Row row(ResultSet row) throws SQLException {
        long restriction = row.getLong("restriction_id");
        Optional<Long> restricting = row.wasNull() ? Optional.empty() : Optional.of(restriction);
        boolean planned = row.getString("id") != null;
        boolean registered = row.getString("registered") != null;
        return new Row(restricting, planned ? Optional.of(PlanRepository.read(row)) : Optional.empty(),
                registered ? Optional.of(PatientRepository.read(row)) : Optional.empty());
    }

    private static String prefixed(String alias, String columns) {
        return Arrays.stream(columns.split(",\\s*")).map(c -> alias + "." + c).collect(Collectors.joining(", "));
    }
}
