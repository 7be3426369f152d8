package uk.nhs.cpis.notification.restriction;

import java.util.Locale;

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
        return new Viewer(caller.orgCode(), caller.userId(),
                caller.hasRole(Roles.LA_UPLOAD) || isSafeguarding(caller.jobRole()));
    }

    private boolean isSafeguarding(String jobRole) {
        return jobRole != null && normalise(jobRole).equals(normalise(config.safeguardingJobRole()));
    }

    private static String normalise(String jobRole) {
        return jobRole.trim().toLowerCase(Locale.ROOT);
    }
}
