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
import uk.nhs.cpis.staff.StaffMember;
import uk.nhs.cpis.staff.StaffService;

/**
 * Staff restrictions (seed 001): a privacy officer stops a named user of its own organisation (as the
 * staff register lists them) from seeing one patient's CP information. The restriction follows the user
 * and the patient, whichever organisation the user later acts for ("it stays with a patient record until
 * it is removed"), so there is one per user and patient. Every privacy officer sees the restrictions on a
 * patient's record; the organisation that made one, or that the staff member works for, manages it.
 */
@ApplicationScoped
public class RestrictionService {
    private static final Logger LOG = Logger.getLogger(RestrictionService.class);

    @Inject
    RestrictionRepository restrictions;
    @Inject
    PatientRepository patients;
    @Inject
    StaffService staff;
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
        StaffMember member = staffMemberHere(userId, orgCode);
        Restriction restriction = new Restriction(0, orgCode, userId, member.name(), nhsNumber,
                request.reason().trim(), caller.userId(), clock.instant());
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
        return RestrictionView.of(new Restriction(id, orgCode, userId, member.name(), nhsNumber, restriction.reason(),
                restriction.createdBy(), restriction.createdAt()), List.of());
    }

    /** Seed 001: "You can only add restrictions for staff members who work at your practice", as CIS lists them. */
    private StaffMember staffMemberHere(String userId, String orgCode) {
        List<StaffMember> roles = staff.rolesOf(userId);
        if (roles.isEmpty()) {
            throw new CpisException(ErrorCode.STAFF_NOT_FOUND, "The staff register has no staff member with this NHS "
                    + "smartcard number: check the number in Care Identity Management.", "userId");
        }
        return roles.stream().filter(role -> role.active() && role.orgCode().equals(orgCode)).findFirst()
                .orElseThrow(() -> new CpisException(ErrorCode.STAFF_NOT_AT_ORGANISATION,
                        "You cannot add a restriction on this NHS smartcard number.", "userId"));
    }

    /**
     * Seed 001, step 6 and "the new practice will see the name and NHS smartcard number": every restriction
     * on the patient's record, whichever organisation made it, newest first.
     */
    public List<RestrictionView> onPatient(String nhsNumber) {
        PatientMapper.requireValid(nhsNumber, "nhsNumber");
        return restrictions.listForPatient(nhsNumber).stream().map(r -> manages(r)
                ? RestrictionView.of(r, restrictions.attempts(r.orgCode(), r.id(), null))
                : RestrictionView.elsewhere(r)).toList();
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
        Restriction restriction = managedRestriction(id);
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
        Restriction restriction = managedRestriction(id);
        QuarkusTransaction.requiringNew().run(() -> restrictions.delete(restriction));
        LogRef.LOOKUP006.log(LOG, caller.orgCode(), id);
    }

    /** Committed at once, whatever becomes of the request: the officer must see every blocked attempt. */
    public void recordBlockedAttempt(long restrictionId, Instant at, String action) {
        Object requestId = MDC.get("requestId");
        QuarkusTransaction.requiringNew().run(() -> restrictions.insertAttempt(restrictionId, at, action,
                requestId == null ? null : requestId.toString()));
    }

    /**
     * A restriction the caller's organisation may read whole and remove: it made it, or the staff member
     * works there (seed 001: a patient moves practice; staff move too). Any other is answered as unknown:
     * ids are sequential, and any other answer would tell an officer who restricted whom elsewhere.
     */
    private Restriction managedRestriction(long id) {
        return restrictions.find(id).filter(this::manages)
                .orElseThrow(() -> new CpisException(ErrorCode.NOT_FOUND, "No restriction " + id + "."));
    }

    private boolean manages(Restriction restriction) {
        String orgCode = caller.orgCode();
        return restriction.orgCode().equals(orgCode) || staff.workingAt(restriction.userId(), orgCode).isPresent();
    }
}
