package uk.nhs.cpis.demographics;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.hl7.fhir.r4.model.Patient;
import org.jboss.logging.Logger;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.fhir.FhirContextProducer;
import uk.nhs.cpis.fhir.LogRef;
import uk.nhs.cpis.demographics.LoadReport.LineError;

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

    /** Stores one patient under the NHS number of the URL; true when it was new. */
    @Transactional
    public boolean register(String nhsNumber, Patient patient) {
        PatientMapper.requireValid(nhsNumber, "Patient.id");
        PatientRecord record = PatientMapper.toRecord(patient);
        if (!record.nhsNumber().equals(nhsNumber)) {
            throw new CpisException(ErrorCode.INVALID_RESOURCE,
                    "The Patient's NHS number differs from the one in the URL.", "Patient.identifier");
        }
        boolean created = patients.find(nhsNumber).isEmpty();
        store(List.of(record));
        return created;
    }

    /**
     * Streams the body line by line, storing each chunk in its own transaction, so memory stays flat
     * for a million patients and a bad line costs only itself.
     */
    public LoadReport load(InputStream body) {
        IParser parser = FhirContextProducer.strictJsonParser(fhirContext);
        var lines = new BoundedLineReader(new InputStreamReader(body, StandardCharsets.UTF_8), config.maxLineLength());
        List<PatientRecord> chunk = new ArrayList<>(config.loadChunkSize());
        List<LineError> errors = new ArrayList<>();
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
                    chunk.add(parse(parser, line));
                } catch (CpisException e) {
                    if (errors.size() < config.maxReportedErrors()) {
                        errors.add(new LineError(lineNumber, e.code().name(), e.diagnostics()));
                    }
                }
                if (chunk.size() == config.loadChunkSize()) {
                    stored += storeInOwnTransaction(chunk);
                    chunk.clear();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stored += storeInOwnTransaction(chunk);
        LoadReport report = new LoadReport(received, stored, received - stored, errors);
        LogRef.DEMOG001.log(LOG, report.received(), report.stored(), report.rejected());
        return report;
    }

    private PatientRecord parse(IParser parser, String line) {
        if (line == BoundedLineReader.TOO_LONG) {
            throw new CpisException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "Line longer than " + config.maxLineLength() + " characters.");
        }
        try {
            return PatientMapper.toRecord(parser.parseResource(Patient.class, line));
        } catch (DataFormatException e) {
            throw new CpisException(ErrorCode.MALFORMED_CONTENT, "Not a valid FHIR R4 Patient in JSON: " + e.getMessage());
        }
    }

    private int storeInOwnTransaction(List<PatientRecord> chunk) {
        if (chunk.isEmpty()) {
            return 0;
        }
        QuarkusTransaction.requiringNew().run(() -> store(chunk));
        return chunk.size();
    }

    private void store(List<PatientRecord> records) {
        patients.upsertAll(records, clock.instant());
        registered.fire(new PatientsRegistered(List.copyOf(records)));
    }
}
