package uk.nhs.cpis.notification.restriction;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.nhs.cpis.security.Caller;
import uk.nhs.cpis.security.Roles;

/**
 * Seed 000's job-role rules: who keeps access to restricted children's notifications whatever a
 * restriction says ("required access"), who may authorise a universal restriction, who reviews them.
 */
@ApplicationScoped
public class LaRestrictionPolicy {
    @Inject
    LaRestrictionConfig config;

    /** The caller as a reader of the feed: named by their user id and by each of their teams ({@code team:<name>}). */
    public Viewer viewer(Caller caller) {
        Viewer.Access access;
        if (caller.hasRole(Roles.LA_UPLOAD)) {
            access = Viewer.Access.EVERYTHING;
        } else if (oneOf(caller.jobRole(), config.requiredAccessJobRoles())) {
            access = Viewer.Access.REQUIRED;
        } else {
            access = Viewer.Access.ORDINARY;
        }
        List<String> names = new ArrayList<>();
        names.add(caller.userId());
        caller.teams().forEach(team -> names.add(NamedEntries.TEAM_PREFIX + team));
        return new Viewer(caller.orgCode(), List.copyOf(names), access);
    }

    /** Head of Service or above (cpis.la-restrictions.authoriser-job-roles). */
    public boolean mayAuthorise(String jobRole) {
        return oneOf(jobRole, config.authoriserJobRoles());
    }

    /** The LA privacy officer, or the Head of Safeguarding of the LA (cpis.la-restrictions.safeguarding-job-role). */
    public boolean mayReview(Caller caller) {
        return caller.hasRole(Roles.LA_PRIVACY_OFFICER) || oneOf(caller.jobRole(), List.of(config.safeguardingJobRole()));
    }

    private static boolean oneOf(String jobRole, List<String> jobRoles) {
        if (jobRole == null) {
            return false;
        }
        String normalised = JobRoles.normalise(jobRole);
        return jobRoles.stream().map(JobRoles::normalise).anyMatch(normalised::equals);
    }
}
