package uk.nhs.cpis.demographics;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.hl7.fhir.r4.model.Patient;
import org.jboss.logging.Logger;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import uk.nhs.cpis.db.Jdbc;
import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.fhir.ErrorResponses;
import uk.nhs.cpis.fhir.FhirContextProducer;
import uk.nhs.cpis.fhir.LogRef;
import uk.nhs.cpis.plan.DisplayWindow;

/** Loads the demographics register: one patient at a time, or a streamed NDJSON file in chunks. */
@ApplicationScoped
public class DemographicsService {
    private static final Logger LOG = Logger.getLogger(DemographicsService.class);

    @Inject
    PatientRepository patients;
    @Inject
    Event<PatientsRegistered> registered;
    @Inject
    FhirContext fhirContext;
    @Inject
    DemographicsConfig config;
    @Inject
    Clock clock;
    @Inject
    DisplayWindow window;

    /** Stores one patient under the NHS number of the URL; true when it was new. */
    @Transactional
    public boolean register(String nhsNumber, Patient patient) {
        PatientMapper.requireValid(nhsNumber, "Patient.id");
        PatientRecord record = PatientMapper.toRecord(patient, window.today());
        if (!record.nhsNumber().equals(nhsNumber)) {
            throw new CpisException(ErrorCode.INVALID_RESOURCE,
                    "The Patient's NHS number differs from the one in the URL.", "Patient.identifier");
        }
        refuseReplacementCycle(record, replacementsOf(
                record.replacedBy() == null ? Set.of() : Set.of(record.replacedBy())));
        boolean created = patients.find(nhsNumber).isEmpty();
        store(List.of(record));
        return created;
    }

    /**
     * Streams the body line by line, storing each chunk in its own transaction, so memory stays flat
     * for a million patients and a bad line costs only itself.
     */
    public LoadReport load(InputStream body) {
        var lines = new BoundedLineReader(new InputStreamReader(body, StandardCharsets.UTF_8), config.maxLineLength());
        List<Line> chunk = new ArrayList<>(config.loadChunkSize());
        LineErrors errors = new LineErrors(config.maxReportedErrors());
        long received = 0;
        long stored = 0;
        long lineNumber = 0;
        try {
            for (String line = lines.next(); line != null; line = lines.next()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                received++;
                try {
                    chunk.add(new Line(lineNumber, parse(line)));
                } catch (CpisException e) {
                    errors.add(lineNumber, e.code(), e.diagnostics());
                }
                if (chunk.size() == config.loadChunkSize()) {
                    stored += storeChunk(chunk, errors);
                    chunk.clear();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stored += storeChunk(chunk, errors);
        LoadReport report = new LoadReport(received, stored, received - stored, errors.list());
        LogRef.DEMOG001.log(LOG, report.received(), report.stored(), report.rejected());
        return report;
    }

    private PatientRecord parse(String line) {
        if (line == BoundedLineReader.TOO_LONG) {
            throw new CpisException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "Line longer than " + config.maxLineLength() + " characters.");
        }
        try {
            // Today read per patient, not per load: a load running past midnight accepts a child born on the new day.
            return PatientMapper.toRecord(FhirContextProducer.parseStrictly(fhirContext, Patient.class, line),
                    window.today());
        } catch (DataFormatException e) {
            throw new CpisException(ErrorCode.MALFORMED_CONTENT, "Not a valid FHIR R4 Patient in JSON: " + e.getMessage());
        }
    }

    /** The patients of the chunk stored; a line that cannot be stored becomes a per-line error. */
    private long storeChunk(List<Line> lines, LineErrors errors) {
        List<Line> chunk = withoutReplacementCycles(lines, errors);
        if (chunk.isEmpty()) {
            return 0;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> store(chunk.stream().map(Line::record).toList()));
            return chunk.size();
        } catch (RuntimeException e) {
            // A database refusing every write (read-only) refuses the load, 503 rather than every line rejected.
            if (Jdbc.isReadOnlyRefusal(e)) {
                throw e;
            }
            // Validation should leave the database nothing to refuse; should it still refuse one line,
            // that line alone is lost, not its chunk nor the answer about the chunks already committed.
            return storeLineByLine(chunk, errors);
        }
    }

    private long storeLineByLine(List<Line> chunk, LineErrors errors) {
        long stored = 0;
        for (Line line : chunk) {
            try {
                QuarkusTransaction.requiringNew().run(() -> store(List.of(line.record())));
                stored++;
            } catch (RuntimeException e) {
                LogRef.DEMOG002.log(LOG, line.number(), ErrorResponses.causeChain(e));
                errors.add(line.number(), ErrorCode.INTERNAL_ERROR,
                        "This patient could not be stored; the other lines were not affected. "
                                + "Quote the X-Request-ID when reporting this.");
            }
        }
        return stored;
    }

    private void store(List<PatientRecord> records) {
        patients.upsertAll(records, clock.instant());
        registered.fire(new PatientsRegistered(List.copyOf(records)));
    }

    /** The lines of the chunk less those refused as replaced-by cycles, with the register as one lookup. */
    private List<Line> withoutReplacementCycles(List<Line> chunk, LineErrors errors) {
        Map<String, String> replacedBy = replacementsOf(chunk.stream().map(line -> line.record().replacedBy())
                .filter(Objects::nonNull).collect(Collectors.toSet()));
        List<Line> accepted = new ArrayList<>(chunk.size());
        for (Line line : chunk) {
            try {
                refuseReplacementCycle(line.record(), replacedBy);
                accepted.add(line);
                // Later lines see this one as the register will hold it.
                replacedBy.put(line.record().nhsNumber(), line.record().replacedBy());
            } catch (CpisException e) {
                errors.add(line.number(), e.code(), e.diagnostics());
            }
        }
        return accepted;
    }

    /** Each number found in the register, with the number it is replaced by (null while active). */
    private Map<String, String> replacementsOf(Set<String> nhsNumbers) {
        Map<String, String> replacedBy = new HashMap<>();
        patients.findAll(nhsNumbers).forEach((nhsNumber, record) -> replacedBy.put(nhsNumber, record.replacedBy()));
        return replacedBy;
    }

    /**
     * Refuses A replaced by B while B is replaced by A: following the link would never reach an active
     * number. Longer cycles would need a walk of the chain per line and are not looked for.
     */
    private static void refuseReplacementCycle(PatientRecord record, Map<String, String> replacedBy) {
        if (record.replacedBy() != null && record.nhsNumber().equals(replacedBy.get(record.replacedBy()))) {
            throw new CpisException(ErrorCode.INVALID_RESOURCE,
                    "The replacement NHS number is itself replaced by this one: the two would replace each other.",
                    "Patient.link.other");
        }
    }

    /** A parsed line of a bulk load, waiting for its chunk's transaction. */
    private record Line(long number, PatientRecord record) {
    }
}
