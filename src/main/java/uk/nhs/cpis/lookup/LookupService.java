package uk.nhs.cpis.lookup;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.jboss.logging.Logger;

import ca.uhn.fhir.context.FhirContext;

import uk.nhs.cpis.audit.AccessEvent;
import uk.nhs.cpis.audit.AccessEventRepository;
import uk.nhs.cpis.audit.AuditWriter;
import uk.nhs.cpis.audit.SecurityAuditEntry;
import uk.nhs.cpis.audit.SecurityAuditEntry.Action;
import uk.nhs.cpis.audit.SecurityAuditEntry.Outcome;
import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.fhir.Fhir;
import uk.nhs.cpis.fhir.LogRef;
import uk.nhs.cpis.fhir.QueryParameters;
import uk.nhs.cpis.fhir.SearchsetJson;
import uk.nhs.cpis.plan.DisplayWindow;
import uk.nhs.cpis.plan.NhsNumber;
import uk.nhs.cpis.restriction.RestrictionService;
import uk.nhs.cpis.security.Caller;

/**
 * Unscheduled-care lookups of one patient (spec section 5): presence, details and previous views.
 * Each is checked against staff restrictions and security-audited; a B0107 details answer showing
 * CP information is sent only once its access event is committed.
 */
@ApplicationScoped
public class LookupService {
    static final String PATIENT = "patient:identifier";
    /** Seed 001's message to a restricted user, with its advice line (spec section 8). */
    static final String RESTRICTED_MESSAGE = "You cannot access this patient's record or documents. If you think "
            + "you've been restricted by mistake, speak to your privacy officer.";
    private static final Logger LOG = Logger.getLogger(LookupService.class);

    @Inject
    LookupSnapshot lookups;
    @Inject
    AccessEventRepository accessEvents;
    @Inject
    RestrictionService restrictions;
    @Inject
    AuditWriter audit;
    @Inject
    DisplayWindow window;
    @Inject
    Clock clock;
    @Inject
    Caller caller;
    @Inject
    LookupConfig config;
    @Inject
    EncodedCareTeams careTeamJson;
    @Inject
    EncodedFixedResources fixedJson;
    @Inject
    FhirContext fhir;

    /** {@code GET /fhir/Flag}: one Flag when CP information is displayable today; records no view. */
    public Bundle presence(UriInfo uri) {
        String nhsNumber = nhsNumberOf(uri.getQueryParameters());
        Instant now = clock.instant();
        LookupSnapshot.Lookup lookup = lookups.read(caller.userId(), nhsNumber, window.today());
        requireNotRestricted(lookup.restriction(), Action.PRESENCE, nhsNumber, now);
        boolean present = !lookup.plans().isEmpty();
        int results = present ? 1 : 0;
        answered(Action.PRESENCE, nhsNumber, results, now, null);
        SearchsetJson answer = SearchsetJson.of(uri.getRequestUri().toString(), results);
        if (present) {
            answer.match(uri.getBaseUri() + "fhir/Flag/" + LookupMapper.flagId(nhsNumber),
                    fixedJson.flag(nhsNumber));
        }
        return withRegisterNote(answer, lookup).end();
    }

    /**
     * {@code GET /fhir/CareTeam} for clinicians: every displayable plan of every LA, held under the number
     * looked up or any number the register links to it; the access event names the number looked up.
     */
    public Bundle details(UriInfo uri) {
        String nhsNumber = nhsNumberOf(uri.getQueryParameters());
        Instant now = clock.instant();
        LocalDate today = window.today();
        LookupSnapshot.Lookup lookup = lookups.read(caller.userId(), nhsNumber, today);
        requireNotRestricted(lookup.restriction(), Action.DETAILS, nhsNumber, now);
        List<LookupRepository.ShownPlan> shown = lookup.plans();
        AccessEvent view = shown.isEmpty() || !caller.recordsViews() ? null : new AccessEvent(null, now, nhsNumber,
                caller.userId(), caller.name(), caller.jobRole(), caller.orgCode(), caller.orgName());
        answered(Action.DETAILS, nhsNumber, shown.size(), now, view);
        SearchsetJson answer = SearchsetJson.of(uri.getRequestUri().toString(), shown.size());
        String careTeams = uri.getBaseUri() + "fhir/CareTeam/";
        // Each plan names the number it is held under: a clinician sees that the LA has yet to resubmit it.
        shown.forEach(s -> answer.match(careTeams + s.plan().id(), careTeamJson.json(s, today)));
        return withRegisterNote(answer, lookup).end();
    }

    /**
     * {@code GET /fhir/AuditEvent}: the latest B0107 views of the patient's CP information, under any of
     * its linked numbers, newest first, while CP information is displayable. Views are only ever made of a displayable plan, so showing
     * them after the plan was withdrawn (uploaded in error) or left its window would tell any clinician
     * that the child was on a plan.
     */
    public Bundle previousViews(UriInfo uri) {
        String nhsNumber = nhsNumberOf(uri.getQueryParameters());
        Instant now = clock.instant();
        LookupSnapshot.Lookup lookup = lookups.read(caller.userId(), nhsNumber, window.today());
        requireNotRestricted(lookup.restriction(), Action.PREVIOUS_VIEWS, nhsNumber, now);
        List<AccessEvent> views = lookup.plans().isEmpty() ? List.of()
                : accessEvents.latest(lookup.linkedNumbers(), config.previousViews());
        answered(Action.PREVIOUS_VIEWS, nhsNumber, views.size(), now, null);
        SearchsetJson answer = SearchsetJson.of(uri.getRequestUri().toString(), views.size());
        String auditEvents = uri.getBaseUri() + "fhir/AuditEvent/";
        views.forEach(view -> answer.match(auditEvents + view.id(), encoded(LookupMapper.auditEvent(view))));
        return withRegisterNote(answer, lookup).end();
    }

    /**
     * Tells a search of a number the register does not hold from one of a child without a plan (both have
     * total 0), as FHIR servers do: an OperationOutcome entry with {@code search.mode = outcome}.
     */
    private SearchsetJson withRegisterNote(SearchsetJson answer, LookupSnapshot.Lookup lookup) {
        return lookup.registered() ? answer
                : answer.outcome("urn:uuid:" + UUID.randomUUID(), fixedJson.notRegistered());
    }

    private String encoded(Resource resource) {
        return fhir.newJsonParser().encodeResourceToString(resource);
    }

    private void answered(Action action, String nhsNumber, int results, Instant now, AccessEvent view) {
        audit.record(SecurityAuditEntry.of(caller, now, action, Outcome.ANSWERED, nhsNumber, results, null), view);
        LogRef.LOOKUP001.log(LOG, action, caller.viewRole(), caller.orgCode(), results);
    }

    private void requireNotRestricted(Optional<Long> restriction, Action action, String nhsNumber, Instant now) {
        if (restriction.isEmpty()) {
            return;
        }
        restrictions.recordBlockedAttempt(restriction.get(), now, action.name());
        audit.record(SecurityAuditEntry.of(caller, now, action, Outcome.RESTRICTED, nhsNumber, 0, null), null);
        LogRef.LOOKUP002.log(LOG, action, caller.orgCode(), restriction.get());
        throw new CpisException(ErrorCode.ACCESS_RESTRICTED, RESTRICTED_MESSAGE);
    }

    /** The one parameter of every lookup: {@code patient:identifier=https://fhir.nhs.uk/Id/nhs-number|n}. */
    static String nhsNumberOf(MultivaluedMap<String, String> query) {
        QueryParameters.requireKnown(query.keySet(), Set.of(PATIENT),
                "A lookup takes only " + PATIENT + "=" + Fhir.NHS_NUMBER_SYSTEM + "|<NHS number>.");
        List<String> values = query.get(PATIENT);
        String prefix = Fhir.NHS_NUMBER_SYSTEM + "|";
        if (values == null || values.size() != 1 || !values.get(0).startsWith(prefix)) {
            throw new CpisException(ErrorCode.INVALID_PARAMETER, "Give " + PATIENT + "=" + prefix
                    + "<NHS number> exactly once.", PATIENT);
        }
        String nhsNumber = values.get(0).substring(prefix.length());
        if (!NhsNumber.isValid(nhsNumber)) {
            throw new CpisException(ErrorCode.INVALID_NHS_NUMBER, NhsNumber.whyInvalid(nhsNumber), PATIENT);
        }
        return nhsNumber;
    }
}
