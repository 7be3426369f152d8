package uk.nhs.cpis.notification.restriction;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.fhir.QueryParameters;
import uk.nhs.cpis.security.Caller;
import uk.nhs.cpis.security.Roles;

/**
 * An LA privacy officer's restrictions on who in the LA sees a child's notifications (own LA only); the
 * LA's Head of Safeguarding reads them and their review report and records reviews.
 */
@Path("/api/la-restrictions")
@RolesAllowed(Roles.LA_PRIVACY_OFFICER)
@Produces(MediaType.APPLICATION_JSON)
public class LaRestrictionResource {
    /** A person the restriction's record names; the user id is optional (a manager may have none to hand). */
    public record Person(@Size(max = 64) String userId, @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 200) String jobRole) {

        LaPerson toPerson() {
            return new LaPerson(userId == null || userId.isBlank() ? null : userId.trim(), name.trim(), jobRole.trim());
        }

        static Person of(LaPerson p) {
            return p == null ? null : new Person(p.userId(), p.name(), p.jobRole());
        }
    }

    public record CreateRequest(
            @NotBlank String nhsNumber,
            @NotBlank String kind,
            @NotNull @Size(min = 1, max = 100) List<@NotBlank @Size(max = 64) String> users,
            @NotBlank @Size(max = 2000) String reason,
            @Valid Person requestedBy,
            @Valid Person authorisedBy,
            @Valid Person responsibleManager) {
    }

    public record ChangeRequest(
            @NotNull @Size(min = 1, max = 100) List<@NotBlank @Size(max = 64) String> users,
            @Size(max = 2000) String note) {
    }

    public record ReviewRequest(@NotBlank String outcome, @Size(max = 2000) String note) {
    }

    public record RestrictionView(String id, String nhsNumber, String kind, List<String> users, String reason,
            String createdBy, String createdByName, Instant createdAt, Person requestedBy, Person authorisedBy,
            Person responsibleManager, Instant lastReviewedAt, LocalDate reviewDue, String status, Instant liftedAt,
            String liftedBy) {
    }

    public record ChangeView(String id, Instant changedAt, String changedBy, String changedByName,
            List<String> usersBefore, List<String> usersAfter, String note) {
    }

    public record ReviewView(String id, String restrictionId, Instant reviewedAt, String reviewedBy,
            String reviewedByName, String reviewedByRole, String outcome, String note) {
    }

    public record ReviewReport(LocalDate asOf, int count, List<RestrictionView> due) {
    }

    @Inject
    LaRestrictionService service;
    @Inject
    LaRestrictionPolicy policy;
    @Inject
    Caller caller;
    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@NotNull @Valid CreateRequest request) {
        RestrictionKind kind = RestrictionKind.fromCode(request.kind()).orElseThrow(() -> new CpisException(
                ErrorCode.INVALID_REQUEST, "kind must be only-named-users or all-except-named-users.", "kind"));
        LaRestriction created = service.create(officer(), new LaRestrictionService.Request(request.nhsNumber(), kind,
                request.users(), request.reason(), person(request.requestedBy()), person(request.authorisedBy()),
                person(request.responsibleManager())));
        URI location = uri.getBaseUriBuilder().path("api/la-restrictions/{id}").build(created.id());
        return Response.created(location).entity(view(created)).build();
    }

    @GET
    public List<RestrictionView> inForce() {
        QueryParameters.requireNone(uri.getQueryParameters());
        return service.inForce(caller.orgCode()).stream().map(this::view).toList();
    }

    /**
     * The review report: restrictions due for review on {@code asOf} (default today), with their reasons;
     * for the privacy officer and the Head of Safeguarding (seed 000).
     */
    @GET
    @Path("review")
    @RolesAllowed({ Roles.LA_PRIVACY_OFFICER, Roles.LA_SOCIAL_WORKER })
    public ReviewReport dueForReview(@QueryParam("asOf") String asOf) {
        requireReviewer();
        QueryParameters.requireKnown(uri.getQueryParameters().keySet(), Set.of("asOf"),
                "The review report takes only asOf=<date>.");
        QueryParameters.requireEachOnce(uri.getQueryParameters());
        LocalDate day = asOf == null ? service.today() : date(asOf);
        List<RestrictionView> due = service.dueForReview(caller.orgCode(), day).stream().map(this::view).toList();
        return new ReviewReport(day, due.size(), due);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.LA_PRIVACY_OFFICER, Roles.LA_SOCIAL_WORKER })
    public RestrictionView one(@PathParam("id") String id) {
        requireReviewer();
        QueryParameters.requireNone(uri.getQueryParameters());
        return view(service.get(caller.orgCode(), id));
    }

    /** Changes the named users and teams (seed 000: the case moves to other workers or teams). */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public RestrictionView changeUsers(@PathParam("id") String id, @NotNull @Valid ChangeRequest request) {
        return view(service.changeUsers(officer(), id, request.users(), request.note()));
    }

    @GET
    @Path("{id}/changes")
    public List<ChangeView> changes(@PathParam("id") String id) {
        QueryParameters.requireNone(uri.getQueryParameters());
        return service.changes(caller.orgCode(), id).stream().map(c -> new ChangeView(c.id(), c.changedAt(),
                c.changedBy(), c.changedByName(), c.usersBefore(), c.usersAfter(), c.note())).toList();
    }

    @DELETE
    @Path("{id}")
    public Response lift(@PathParam("id") String id) {
        service.lift(officer(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/reviews")
    @RolesAllowed({ Roles.LA_PRIVACY_OFFICER, Roles.LA_SOCIAL_WORKER })
    @Consumes(MediaType.APPLICATION_JSON)
    public Response review(@PathParam("id") String id, @NotNull @Valid ReviewRequest request) {
        requireReviewer();
        RestrictionReview.Outcome outcome;
        try {
            outcome = RestrictionReview.Outcome.valueOf(request.outcome().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CpisException(ErrorCode.INVALID_REQUEST, "outcome must be keep or lift.", "outcome");
        }
        RestrictionReview review = service.review(officer(), id, outcome, request.note());
        URI location = uri.getBaseUriBuilder().path("api/la-restrictions/{id}/reviews").build(id);
        return Response.created(location).entity(view(review)).build();
    }

    @GET
    @Path("{id}/reviews")
    @RolesAllowed({ Roles.LA_PRIVACY_OFFICER, Roles.LA_SOCIAL_WORKER })
    public List<ReviewView> reviews(@PathParam("id") String id) {
        requireReviewer();
        QueryParameters.requireNone(uri.getQueryParameters());
        return service.reviews(caller.orgCode(), id).stream().map(LaRestrictionResource::view).toList();
    }

    /** A social worker's token reaches the review endpoints only as the LA's Head of Safeguarding. */
    private void requireReviewer() {
        if (!policy.mayReview(caller)) {
            throw new CpisException(ErrorCode.FORBIDDEN, "Restrictions and their review are for the LA privacy officer "
                    + "and the Head of Safeguarding.");
        }
    }

    private Officer officer() {
        return new Officer(caller.orgCode(), caller.userId(), caller.name(), caller.jobRole());
    }

    private static LaPerson person(Person person) {
        return person == null ? null : person.toPerson();
    }

    private RestrictionView view(LaRestriction r) {
        return new RestrictionView(r.id(), r.nhsNumber(), r.kind().code(), r.users(), r.reason(), r.createdBy(),
                r.createdByName(), r.createdAt(), Person.of(r.requestedBy()), Person.of(r.authorisedBy()),
                Person.of(r.responsibleManager()), r.lastReviewedAt(), r.inForce() ? service.reviewDue(r) : null,
                r.inForce() ? "in-force" : "lifted", r.liftedAt(), r.liftedBy());
    }

    private static ReviewView view(RestrictionReview r) {
        return new ReviewView(r.id(), r.restrictionId(), r.reviewedAt(), r.reviewedBy(), r.reviewedByName(),
                r.reviewedByRole(), r.outcome().name().toLowerCase(Locale.ROOT), r.note());
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new CpisException(ErrorCode.INVALID_PARAMETER, "asOf must be a date (YYYY-MM-DD).", "asOf");
        }
    }
}
