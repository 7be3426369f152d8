package uk.nhs.cpis.demographics;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.jboss.logging.Logger;

import uk.nhs.cpis.audit.AuditWriter;
import uk.nhs.cpis.audit.SecurityAuditEntry;
import uk.nhs.cpis.audit.SecurityAuditEntry.Action;
import uk.nhs.cpis.audit.SecurityAuditEntry.Outcome;
import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.fhir.LogRef;
import uk.nhs.cpis.security.Caller;

/**
 * Patient search for clinicians: every search is security-audited with the patients it disclosed,
 * but is not an access event. More matches than asked for is an error, never a truncated list,
 * so that a clinician cannot pick the wrong patient from a partial answer.
 */
@ApplicationScoped
public class PatientSearchService {
    private static final Logger LOG = Logger.getLogger(PatientSearchService.class);
    private static final Comparator<PatientRecord> ORDER = Comparator.comparing(PatientRecord::family)
            .thenComparing(p -> p.given() == null ? "" : p.given()).thenComparing(PatientRecord::birthDate)
            .thenComparing(PatientRecord::nhsNumber);

    @Inject
    PatientRepository patients;
    @Inject
    AuditWriter audit;
    @Inject
    Caller caller;
    @Inject
    Clock clock;
    @Inject
    DemographicsConfig config;

    public Bundle search(UriInfo uri) {
        PatientQuery query = PatientQuery.parse(uri.getQueryParameters(), config.search());
        Instant now = clock.instant();
        List<PatientRecord> found = query.byNhsNumber() ? patients.find(query.nhsNumber()).stream().toList()
                : demographicMatches(query, now);
        Optional<PatientRecord> current = currentOfSuperseded(found);
        audit.record(SecurityAuditEntry.of(caller, now, Action.PATIENT_SEARCH, Outcome.ANSWERED, query.nhsNumber(),
                found.size(), Stream.concat(found.stream(), current.stream()).map(PatientRecord::nhsNumber)
                        .collect(Collectors.joining(","))), null);
        LogRef.LOOKUP007.log(LOG, query.byNhsNumber() ? "identifier" : query.wildcard(), query.fuzzy(), found.size());
        Bundle bundle = new Bundle().setType(BundleType.SEARCHSET).setTotal(found.size());
        bundle.addLink().setRelation("self").setUrl(uri.getRequestUri().toString());
        found.stream().sorted(ORDER).forEach(p -> bundle.addEntry()
                .setFullUrl(uri.getBaseUri() + "fhir/Patient/" + p.nhsNumber())
                .setResource(PatientMapper.toPatient(p)).getSearch().setMode(Bundle.SearchEntryMode.MATCH));
        current.ifPresent(p -> bundle.addEntry().setFullUrl(uri.getBaseUri() + "fhir/Patient/" + p.nhsNumber())
                .setResource(PatientMapper.toPatient(p)).getSearch().setMode(Bundle.SearchEntryMode.INCLUDE));
        return bundle;
    }

    /**
     * A search by a superseded number also answers the current number of its chain (search mode include):
     * its own replaced-by link names only the next number, which may have been replaced too. Demographic
     * searches find active patients only, so only a search by NHS number can find a superseded one.
     */
    private Optional<PatientRecord> currentOfSuperseded(List<PatientRecord> found) {
        return found.stream().filter(PatientRecord::superseded).findFirst()
                .flatMap(old -> patients.findCurrent(old.nhsNumber()))
                .filter(current -> found.stream().noneMatch(p -> p.nhsNumber().equals(current.nhsNumber())));
    }

    private List<PatientRecord> demographicMatches(PatientQuery query, Instant now) {
        if (!query.fuzzy()) {
            return requireFew(query, patients.search(query, query.maxResults() + 1), now);
        }
        int candidates = config.search().fuzzyCandidates();
        List<PatientRecord> phonetic = patients.search(query, candidates + 1);
        if (phonetic.size() > candidates) {
            throw tooMany(query, now);
        }
        int maxEdits = config.search().fuzzyMaxEdits();
        return requireFew(query, phonetic.stream().filter(p -> SearchKeys.editDistance(query.familyKey(),
                SearchKeys.name(p.family()), maxEdits) <= maxEdits).toList(), now);
    }

    private List<PatientRecord> requireFew(PatientQuery query, List<PatientRecord> matches, Instant now) {
        if (matches.size() > query.maxResults()) {
            throw tooMany(query, now);
        }
        return matches;
    }

    private CpisException tooMany(PatientQuery query, Instant now) {
        audit.record(SecurityAuditEntry.of(caller, now, Action.PATIENT_SEARCH, Outcome.REFUSED, null, 0, null), null);
        return new CpisException(ErrorCode.TOO_MANY_MATCHES, "More than " + query.maxResults() + " patients match. "
                + "Narrow the search: add a given name or postcode, use an exact birth date, or search by NHS number.");
    }
}
