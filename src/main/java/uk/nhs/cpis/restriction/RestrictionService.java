package uk.nhs.cpis.restriction;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.quarkus.narayana.jta.QuarkusTransaction;
import uk.nhs.cpis.db.Jdbc;
import uk.nhs.cpis.demographics.PatientMapper;
import uk.nhs.cpis.demographics.PatientRepository;
import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.fhir.LogRef;
import uk.nhs.cpis.security.Caller;

/**
 * Staff restrictions (seed 001): a privacy officer stops a named user of its own organisation from
 * seeing one patient's CP information. The restriction follows the user and the patient, whichever
 * organisation the user later acts for ("it stays with a patient record until it is removed"), so
 * there is one per user and patient; only the organisation that made it lists and removes it.
 */
@ApplicationScoped
public class RestrictionService {
    private static final Logger LOG = Logger.getLogger(RestrictionService.class);

    @Inject
    RestrictionRepository restrictions;
    @Inject
    PatientRepository patients;
    @Inject
    Caller caller;
    @Inject
    Clock clock;

    public RestrictionView add(NewRestriction request) {
        String orgCode = caller.orgCode();
        String nhsNumber = request.nhsNumber().trim();
        String userId = request.userId().trim();
        PatientMapper.requireValid(nhsNumber, "nhsNumber");
        if (userId.equals(caller.userId())) {
            throw new CpisException(ErrorCode.SELF_RESTRICTION, "You cannot add a restriction for your own NHS "
                    + "smartcard number. Ask another privacy officer to do this for you.", "userId");
        }
        if (patients.find(nhsNumber).isEmpty()) {
            throw new CpisException(ErrorCode.PATIENT_NOT_FOUND,
                    "No patient with this NHS number in the demographics register.", "nhsNumber");
        }
        Restriction restriction = new Restriction(0, orgCode, userId, nhsNumber, request.reason().trim(),
                caller.userId(), clock.instant());
        long id;
        try {
            id = QuarkusTransaction.requiringNew().call(() -> restrictions.insert(restriction));
        } catch (RuntimeException e) {
            if (Jdbc.isUniqueViolation(e)) {
                throw new CpisException(ErrorCode.DUPLICATE_RESTRICTION,
                        "A restriction on this record already exists for this NHS smartcard number.", "userId");
            }
            throw e;
        }
        LogRef.LOOKUP005.log(LOG, orgCode, id);
        return RestrictionView.of(new Restriction(id, orgCode, userId, nhsNumber, restriction.reason(),
                restriction.createdBy(), restriction.createdAt()), List.of());
    }

    /** The organisation's restrictions, newest first, each with its blocked attempts. */
    public List<RestrictionView> list() {
        String orgCode = caller.orgCode();
        Map<Long, List<BlockedAttempt>> attempts = restrictions.attempts(orgCode, null, null).stream()
                .collect(Collectors.groupingBy(BlockedAttempt::restrictionId));
        return restrictions.listForOrg(orgCode).stream()
                .map(r -> RestrictionView.of(r, attempts.getOrDefault(r.id(), List.of()))).toList();
    }

    public RestrictionView get(long id) {
        Restriction restriction = ownRestriction(id);
        return RestrictionView.of(restriction, restrictions.attempts(restriction.orgCode(), id, null));
    }

    /** Blocked attempts on the organisation's restrictions, removed ones included, newest first. */
    public List<BlockedAttemptView> blockedAttempts(String nhsNumber) {
        if (nhsNumber != null) {
            PatientMapper.requireValid(nhsNumber, "nhsNumber");
        }
        return restrictions.attempts(caller.orgCode(), null, nhsNumber).stream().map(BlockedAttemptView::of).toList();
    }

    public void remove(long id) {
        Restriction restriction = ownRestriction(id);
        restrictions.delete(id);
        LogRef.LOOKUP006.log(LOG, restriction.orgCode(), id);
    }

    /** Committed at once, whatever becomes of the request: the officer must see every blocked attempt. */
    public void recordBlockedAttempt(long restrictionId, Instant at, String action) {
        Object requestId = MDC.get("requestId");
        QuarkusTransaction.requiringNew().run(() -> restrictions.insertAttempt(restrictionId, at, action,
                requestId == null ? null : requestId.toString()));
    }

    /**
     * Another organisation's restriction is answered as an unknown one: ids are sequential, and any
     * other answer would tell an officer who restricted whom elsewhere.
     */
    private Restriction ownRestriction(long id) {
        return restrictions.find(id).filter(restriction -> restriction.orgCode().equals(caller.orgCode()))
                .orElseThrow(() -> new CpisException(ErrorCode.NOT_FOUND, "No restriction " + id + "."));
    }
}
