package uk.nhs.cpis.notification.restriction;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import uk.nhs.cpis.db.Jdbc;
import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.fhir.LogRef;
import uk.nhs.cpis.plan.DisplayWindow;
import uk.nhs.cpis.plan.NhsNumber;

/**
 * LA restrictions (seed 000): who in an LA sees a child's notifications, with a reason, reviewed
 * every few months. An LA's privacy officer only ever touches their own LA's restrictions.
 */
@ApplicationScoped
@Transactional
public class LaRestrictionService {
    private static final Logger LOG = Logger.getLogger(LaRestrictionService.class);

    /** A restriction as requested, with its record (requester, authoriser, responsible manager; each may be null). */
    public record Request(String nhsNumber, RestrictionKind kind, List<String> users, String reason,
            LaPerson requestedBy, LaPerson authorisedBy, LaPerson responsibleManager) {
    }

    @Inject
    LaRestrictionRepository restrictions;
    @Inject
    LaRestrictionConfig config;
    @Inject
    LaRestrictionPolicy policy;
    @Inject
    Clock clock;

    public LaRestriction create(Officer officer, Request request) {
        if (!NhsNumber.isValid(request.nhsNumber())) {
            throw new CpisException(ErrorCode.INVALID_NHS_NUMBER, NhsNumber.whyInvalid(request.nhsNumber()),
                    "nhsNumber");
        }
        List<String> users = NamedEntries.checked(request.users());
        requireAuthorisation(request);
        if (restrictions.findInForce(officer.laCode(), request.nhsNumber()).isPresent()) {
            throw duplicate();
        }
        Instant now = clock.instant();
        LaRestriction restriction = new LaRestriction(UUID.randomUUID().toString(), officer.laCode(),
                request.nhsNumber(), request.kind(), users, request.reason().trim(), officer.userId(), officer.name(),
                now, now, null, null, request.requestedBy(), request.authorisedBy(), request.responsibleManager());
        try {
            restrictions.insert(restriction);
        } catch (RuntimeException e) {
            // Two officers restricting the same child at once: the unique key lets only one in.
            if (Jdbc.isUniqueViolation(e)) {
                throw duplicate();
            }
            throw e;
        }
        LogRef.LAREST001.log(LOG, officer.laCode(), restriction.id(), request.kind(), users.size());
        return restriction;
    }

    /**
     * Seed 000: a universal restriction is "agreed with the relevant Head of Service or above"; a
     * restriction for named people "can be requested at Team Manager level" and needs no authoriser.
     */
    private void requireAuthorisation(Request request) {
        if (request.kind() != RestrictionKind.ONLY_NAMED_USERS) {
            return;
        }
        if (request.authorisedBy() == null) {
            throw new CpisException(ErrorCode.AUTHORISATION_REQUIRED, "A universal restriction (only-named-users) "
                    + "needs authorisedBy: the Head of Service or above who agreed it.", "authorisedBy");
        }
        if (!policy.mayAuthorise(request.authorisedBy().jobRole())) {
            throw new CpisException(ErrorCode.AUTHORISATION_REQUIRED, "A universal restriction must be authorised by a "
                    + "Head of Service or above, not a " + request.authorisedBy().jobRole() + ".",
                    "authorisedBy.jobRole");
        }
    }

    /**
     * Seed 000: "if the case transfers workers and/or teams the previous team and workers' access will be
     * removed": replaces the named users and teams, recording the change; the same names change nothing.
     */
    public LaRestriction changeUsers(Officer officer, String id, List<String> named, String note) {
        LaRestriction restriction = get(officer.laCode(), id);
        if (!restriction.inForce()) {
            throw new CpisException(ErrorCode.CONFLICT, "LA restriction " + id + " was lifted; there is nothing "
                    + "to change.");
        }
        List<String> users = NamedEntries.checked(named);
        if (users.equals(restriction.users())) {
            return restriction;
        }
        restrictions.replaceUsers(new RestrictionChange(UUID.randomUUID().toString(), id, clock.instant(),
                officer.userId(), officer.name(), restriction.users(), users,
                note == null || note.isBlank() ? null : note.trim()));
        LogRef.LAREST004.log(LOG, officer.laCode(), id, users.size());
        return restriction.withUsers(users);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RestrictionChange> changes(String laCode, String id) {
        get(laCode, id);
        return restrictions.changes(id);
    }

    /** The restriction in force on the child in the LA, if any: its record is shown to those who may read. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<LaRestriction> inForceOn(String laCode, String nhsNumber) {
        return restrictions.findInForce(laCode, nhsNumber);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<LaRestriction> inForce(String laCode) {
        return restrictions.inForce(laCode);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public LaRestriction get(String laCode, String id) {
        // Another LA's restriction is answered as unknown: a 403 would tell that the id exists.
        return restrictions.find(id).filter(found -> found.laCode().equals(laCode))
                .orElseThrow(() -> new CpisException(ErrorCode.NOT_FOUND, "No LA restriction " + id + "."));
    }

    /** Lifts a restriction; lifting one already lifted changes nothing. */
    public void lift(Officer officer, String id) {
        LaRestriction restriction = get(officer.laCode(), id);
        if (restriction.inForce()) {
            restrictions.lift(id, officer.userId(), clock.instant());
            LogRef.LAREST003.log(LOG, officer.laCode(), id);
        }
    }

    /** Records a review; a review that lifts the restriction also lifts it. */
    public RestrictionReview review(Officer officer, String id, RestrictionReview.Outcome outcome, String note) {
        LaRestriction restriction = get(officer.laCode(), id);
        if (!restriction.inForce()) {
            throw new CpisException(ErrorCode.CONFLICT, "LA restriction " + id + " was lifted; there is nothing "
                    + "to review.");
        }
        RestrictionReview review = new RestrictionReview(UUID.randomUUID().toString(), id, clock.instant(),
                officer.userId(), officer.name(), officer.jobRole(), outcome,
                note == null || note.isBlank() ? null : note.trim());
        restrictions.insertReview(review);
        if (outcome == RestrictionReview.Outcome.LIFT) {
            restrictions.lift(id, officer.userId(), review.reviewedAt());
        }
        LogRef.LAREST002.log(LOG, officer.laCode(), id, outcome);
        return review;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RestrictionReview> reviews(String laCode, String id) {
        get(laCode, id);
        return restrictions.reviews(id);
    }

    /** The review report: restrictions in force whose review is due on or before {@code asOf}, most overdue first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<LaRestriction> dueForReview(String laCode, LocalDate asOf) {
        return restrictions.inForce(laCode).stream().filter(r -> !reviewDue(r).isAfter(asOf))
                .sorted((a, b) -> reviewDue(a).compareTo(reviewDue(b))).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public LocalDate today() {
        return DisplayWindow.dateAt(clock.instant());
    }

    /** The interval counts from the last review (or the creation), in Europe/London dates. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public LocalDate reviewDue(LaRestriction restriction) {
        return DisplayWindow.dateAt(restriction.lastReviewedAt()).plus(config.reviewInterval());
    }

    private static CpisException duplicate() {
        return new CpisException(ErrorCode.DUPLICATE_RESTRICTION, "A restriction is already in force for this child "
                + "in your local authority: lift it before making another.", "nhsNumber");
    }
}
