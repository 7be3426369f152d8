package uk.nhs.cpis.staff;

import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hl7.fhir.r4.model.PractitionerRole;
import org.jboss.logging.Logger;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import uk.nhs.cpis.demographics.DemographicsConfig;
import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.fhir.ErrorResponses;
import uk.nhs.cpis.fhir.FhirContextProducer;
import uk.nhs.cpis.fhir.LogRef;
import uk.nhs.cpis.ndjson.LoadReport;
import uk.nhs.cpis.ndjson.NdjsonLoad;

/**
 * The staff register, the stand-in for the national staff directory (seed 001 checks a smartcard
 * number against Care Identity Service data): loaded from NDJSON like the demographics register, with
 * the same line, chunk and error limits.
 */
@ApplicationScoped
public class StaffService {
    private static final Logger LOG = Logger.getLogger(StaffService.class);

    @Inject
    StaffRepository staff;
    @Inject
    FhirContext fhirContext;
    @Inject
    DemographicsConfig config;
    @Inject
    Clock clock;

    public LoadReport load(InputStream body) {
        LoadReport report = NdjsonLoad.load(body, new NdjsonLoad.Limits(config.maxLineLength(), config.loadChunkSize(),
                config.maxReportedErrors()), new NdjsonLoad.Register<StaffMember>() {
                    @Override
                    public StaffMember parse(String line) {
                        try {
                            return StaffMapper.toMember(FhirContextProducer.parseStrictly(fhirContext,
                                    PractitionerRole.class, line));
                        } catch (DataFormatException e) {
                            throw new CpisException(ErrorCode.MALFORMED_CONTENT,
                                    "Not a valid FHIR R4 PractitionerRole in JSON: " + e.getMessage());
                        }
                    }

                    @Override
                    public void store(List<StaffMember> members) {
                        staff.upsertAll(members, clock.instant());
                    }

                    @Override
                    public void notStored(long line, RuntimeException cause) {
                        LogRef.STAFF002.log(LOG, line, ErrorResponses.causeChain(cause));
                    }
                });
        LogRef.STAFF001.log(LOG, report.received(), report.stored(), report.rejected());
        return report;
    }

    /** Every organisation the register lists the user at (empty: the register does not know them). */
    public List<StaffMember> rolesOf(String userId) {
        return staff.rolesOf(userId);
    }

    /** The user as the register lists them working at the organisation now. */
    public Optional<StaffMember> workingAt(String userId, String orgCode) {
        return staff.rolesOf(userId).stream().filter(m -> m.active() && m.orgCode().equals(orgCode)).findFirst();
    }
}
