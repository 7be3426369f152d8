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

    /**
     * Seed 000: a universal restriction is "agreed with the relevant Head of Service or above": the job
     * roles an authoriser may have, compared as the required-access roles are.
     */
    @WithDefault("Head of Service,Deputy Director of Children's Services,Strategic Director,"
            + "Director of Children's Services")
    List<String> authoriserJobRoles();

    /**
     * Seed 000: the review report "including reasons" goes to the Head of Safeguarding "who will authorise
     * where restrictions can be removed": an LA user with this job role reads it and records reviews.
     */
    @WithDefault("Head of Safeguarding")
    String safeguardingJobRole();

    /** How often a restriction in force is due for review. */
    @WithDefault("P3M")
    Period reviewInterval();
}
