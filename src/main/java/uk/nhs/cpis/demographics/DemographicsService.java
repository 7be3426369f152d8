package uk.nhs.cpis.demographics;

import java.io.InputStream;
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
import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.fhir.ErrorResponses;
import uk.nhs.cpis.fhir.FhirContextProducer;
import uk.nhs.cpis.fhir.LogRef;
import uk.nhs.cpis.ndjson.LineErrors;
import uk.nhs.cpis.ndjson.LoadReport;
import uk.nhs.cpis.ndjson.NdjsonLoad;
import uk.nhs.cpis.ndjson.NdjsonLoad.Line;
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

    /** Streams the body, a chunk per transaction (NdjsonLoad); a line is refused on its own. */
    public LoadReport load(InputStream body) {
        LoadReport report = NdjsonLoad.load(body, new NdjsonLoad.Limits(config.maxLineLength(), config.loadChunkSize(),
                config.maxReportedErrors()), new NdjsonLoad.Register<PatientRecord>() {
                    @Override
                    public PatientRecord parse(String line) {
                        return DemographicsService.this.parse(line);
                    }

                    @Override
                    public List<Line<PatientRecord>> screen(List<Line<PatientRecord>> chunk, LineErrors errors) {
                        return withoutReplacementCycles(chunk, errors);
                    }

                    @Override
                    public void store(List<PatientRecord> records) {
                        DemographicsService.this.store(records);
                    }

                    @Override
                    public void notStored(long line, RuntimeException cause) {
                        LogRef.DEMOG002.log(LOG, line, ErrorResponses.causeChain(cause));
                    }
                });
        LogRef.DEMOG001.log(LOG, report.received(), report.stored(), report.rejected());
        return report;
    }

    private PatientRecord parse(String line) {
        try {
            // Today read per patient, not per load: a load running past midnight accepts a child born on the new day.
            return PatientMapper.toRecord(FhirContextProducer.parseStrictly(fhirContext, Patient.class, line),
                    window.today());
        } catch (DataFormatException e) {
            throw new CpisException(ErrorCode.MALFORMED_CONTENT, "Not a valid FHIR R4 Patient in JSON: " + e.getMessage());
        }
    }

    private void store(List<PatientRecord> records) {
        patients.upsertAll(records, clock.instant());
        registered.fire(new PatientsRegistered(List.copyOf(records)));
    }

    /** The lines of the chunk less those refused as replaced-by cycles, with the register as one lookup. */
    private List<Line<PatientRecord>> withoutReplacementCycles(List<Line<PatientRecord>> chunk, LineErrors errors) {
        Map<String, String> replacedBy = replacementsOf(chunk.stream().map(line -> line.record().replacedBy())
                .filter(Objects::nonNull).collect(Collectors.toSet()));
        List<Line<PatientRecord>> accepted = new ArrayList<>(chunk.size());
        for (Line<PatientRecord> line : chunk) {
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
}
