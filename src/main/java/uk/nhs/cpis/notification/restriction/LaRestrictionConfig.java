package uk.nhs.cpis.notification.restriction;

import java.time.Period;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "cpis.la-restrictions")
public interface LaRestrictionConfig {
    /**
     * Seed 000's "required access": token job_roles that see restricted children's notifications unless a
     * restriction names them to be kept out. Compared ignoring case, punctuation, spacing and plurals.
     */
    @WithDefault("Strategic Director,Deputy Director of Children's Services,Head of Service,Service Manager,"
            + "Children's Safeguarding,MASH Manager,Emergency Duty Team,Head of Safeguarding")
    List<String> requiredAccessJobRoles();

    /** How often a restriction in force is due for review. */
    @WithDefault("P3M")
    Period reviewInterval();
}
