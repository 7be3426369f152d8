package uk.nhs.cpis.notification.restriction;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.nhs.cpis.security.Caller;
import uk.nhs.cpis.security.Roles;

/** Who keeps access to restricted children's notifications whatever a restriction says (seed 000, "required access"). */
@ApplicationScoped
public class LaRestrictionPolicy {
    @Inject
    LaRestrictionConfig config;

    public Viewer viewer(Caller caller) {
        Viewer.Access access;
        if (caller.hasRole(Roles.LA_UPLOAD)) {
            access = Viewer.Access.EVERYTHING;
        } else if (hasRequiredAccess(caller.jobRole())) {
            access = Viewer.Access.REQUIRED;
        } else {
            access = Viewer.Access.ORDINARY;
        }
        return new Viewer(caller.orgCode(), List.of(caller.userId()), access);
    }

    private boolean hasRequiredAccess(String jobRole) {
        if (jobRole == null) {
            return false;
        }
        String normalised = JobRoles.normalise(jobRole);
        return config.requiredAccessJobRoles().stream().map(JobRoles::normalise).anyMatch(normalised::equals);
    }
}
