package uk.nhs.cpis.demographics;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.nhs.cpis.db.Database;
import uk.nhs.cpis.db.Jdbc;
import uk.nhs.cpis.db.LookupChanges;

/** The register's table. Plain JDBC: loads of a million patients go in batches of standard MERGE. */
@ApplicationScoped
public class PatientRepository {
    public static final String COLUMNS = "nhs_number, family_name, given_name, gender, birth_date, postcode, active, "
            + "replaced_by, mother_nhs_number";

    private static final String MERGE = """
            merge into patient t using (values (?, ?, ?, ?, cast(? as date), ?, cast(? as boolean), ?, ?,
                ?, ?, ?, ?, ?, cast(? as timestamp with time zone)))
              as s (nhs_number, family_name, given_name, gender, birth_date, postcode, active, replaced_by,
                mother_nhs_number, family_key, family_reversed, family_phonetic, given_key, postcode_key, updated_at)
              on t.nhs_number = s.nhs_number
            when matched then update set family_name = s.family_name, given_name = s.given_name,
                gender = s.gender, birth_date = s.birth_date, postcode = s.postcode, active = s.active,
                replaced_by = s.replaced_by, mother_nhs_number = s.mother_nhs_number, family_key = s.family_key,
                family_reversed = s.family_reversed, family_phonetic = s.family_phonetic,
                given_key = s.given_key, postcode_key = s.postcode_key, updated_at = s.updated_at
            when not matched then insert (nhs_number, family_name, given_name, gender, birth_date, postcode,
                active, replaced_by, mother_nhs_number, family_key, family_reversed, family_phonetic, given_key,
                postcode_key, updated_at)
              values (s.nhs_number, s.family_name, s.given_name, s.gender, s.birth_date, s.postcode, s.active,
                s.replaced_by, s.mother_nhs_number, s.family_key, s.family_reversed, s.family_phonetic,
                s.given_key, s.postcode_key, s.updated_at)
            """;

    @Inject
    Database database;
    @Inject
    LookupChanges changes;

    public void upsertAll(List<PatientRecord> patients, Instant now) {
        changes.changed(patients.stream().map(PatientRecord::nhsNumber).toList());
        Timestamp updatedAt = Timestamp.from(now);
        database.batch(MERGE, patients, (merge, p) -> {
            String familyKey = SearchKeys.name(p.family());
            int i = 0;
            merge.setString(++i, p.nhsNumber());
            merge.setString(++i, p.family());
            merge.setString(++i, p.given());
            merge.setString(++i, p.gender());
            merge.setDate(++i, Date.valueOf(p.birthDate()));
            merge.setString(++i, p.postcode());
            merge.setBoolean(++i, p.active());
            merge.setString(++i, p.replacedBy());
            merge.setString(++i, p.motherNhsNumber());
            merge.setString(++i, familyKey);
            merge.setString(++i, SearchKeys.reversed(familyKey));
            merge.setString(++i, SearchKeys.phonetic(familyKey));
            merge.setString(++i, SearchKeys.name(p.given()));
            merge.setString(++i, SearchKeys.postcode(p.postcode()));
            merge.setTimestamp(++i, updatedAt);
        });
    }

    public Optional<PatientRecord> find(String nhsNumber) {
        return Optional.ofNullable(findAll(List.of(nhsNumber)).get(nhsNumber));
    }

    /** One query for a whole upload or load chunk. */
    public Map<String, PatientRecord> findAll(Collection<String> nhsNumbers) {
        Map<String, PatientRecord> found = new HashMap<>();
        if (nhsNumbers.isEmpty()) {
            return found;
        }
        database.query("select " + COLUMNS + " from patient where nhs_number in ("
                + Jdbc.placeholders(nhsNumbers.size()) + ")", statement -> Jdbc.bindAll(statement, 1, nhsNumbers),
                PatientRepository::read).forEach(record -> found.put(record.nhsNumber(), record));
        return found;
    }

    /** The newborns naming any of these mothers (index {@code ix_patient_mother}). */
    public List<PatientRecord> findNewborns(Collection<String> motherNhsNumbers) {
        if (motherNhsNumbers.isEmpty()) {
            return List.of();
        }
        return database.query("select " + COLUMNS + " from patient where mother_nhs_number in ("
                + Jdbc.placeholders(motherNhsNumbers.size()) + ")",
                statement -> Jdbc.bindAll(statement, 1, motherNhsNumbers), PatientRepository::read);
    }

    /**
     * The register entry of the current number of the supersession chain {@code nhsNumber} belongs to: the
     * end of its replaced-by links (empty when that number is not registered).
     */
    public Optional<PatientRecord> findCurrent(String nhsNumber) {
        return database.queryFirst(LinkedNumbers.with("select cast(? as varchar(10)) as nhs_number")
                + "select p." + COLUMNS.replace(", ", ", p.")
                + " from chain_root c join patient p on p.nhs_number = c.nhs_number",
                statement -> statement.setString(1, nhsNumber), PatientRepository::read);
    }

    /**
     * Active patients matching a demographic search, at most {@code limit}, in no particular order.
     * Every shape starts from an index: family key (exact or prefix range), reversed key (leading
     * wildcard) or phonetic key, each followed by the birth date.
     */
    List<PatientRecord> search(PatientQuery query, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from patient where active = true and gender = ?");
        List<Object> values = new ArrayList<>();
        values.add(query.gender());
        if (query.fuzzy()) {
            sql.append(" and family_phonetic in (?, ?)");
            values.add(SearchKeys.phonetic(query.familyKey()));
            values.add(SearchKeys.phoneticAlternate(query.familyKey()));
        } else {
            switch (query.wildcard()) {
                case NONE -> {
                    sql.append(" and family_key = ?");
                    values.add(query.familyKey());
                }
                case TRAILING -> prefixRange(sql, values, "family_key", query.familyKey());
                case LEADING -> prefixRange(sql, values, "family_reversed", SearchKeys.reversed(query.familyKey()));
            }
        }
        if (query.bornFrom() != null) {
            sql.append(" and birth_date >= ?");
            values.add(Date.valueOf(query.bornFrom()));
        }
        if (query.bornTo() != null) {
            sql.append(" and birth_date <= ?");
            values.add(Date.valueOf(query.bornTo()));
        }
        if (query.givenKey() != null) {
            sql.append(" and given_key like ?");
            values.add(query.givenKey() + "%");
        }
        if (query.postcodeKey() != null) {
            sql.append(" and postcode_key = ?");
            values.add(query.postcodeKey());
        }
        sql.append(" fetch first ").append(limit).append(" rows only");
        return database.query(sql.toString(), statement -> {
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
        }, PatientRepository::read);
    }

    private static void prefixRange(StringBuilder sql, List<Object> values, String column, String prefix) {
        sql.append(" and ").append(column).append(" >= ?");
        values.add(prefix);
        String bound = SearchKeys.prefixUpperBound(prefix);
        if (bound != null) {
            sql.append(" and ").append(column).append(" < ?");
            values.add(bound);
        }
    }

    public static PatientRecord read(ResultSet rows) throws SQLException {
        return new PatientRecord(rows.getString("nhs_number"), rows.getString("family_name"),
                rows.getString("given_name"), rows.getString("gender"), rows.getDate("birth_date").toLocalDate(),
                rows.getString("postcode"), rows.getBoolean("active"), rows.getString("replaced_by"),
                rows.getString("mother_nhs_number"));
    }
}
