package uk.nhs.cpis.notification;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The attendance patterns an LA is shown for a child (from its ASNs), and how much of the timeline is listed. */
@ConfigMapping(prefix = "cpis.attendance")
public interface AttendanceConfig {
    /** The length of the rolling window the patterns are counted in. */
    @WithDefault("P30D")
    Duration window();

    /** Attendances (organisation and day) within one window that raise the frequent-attendance flag. */
    @WithDefault("3")
    int minAttendances();

    /** Different organisations within one window that raise the several-organisations flag. */
    @WithDefault("2")
    int minOrganisations();

    /** Most timeline entries answered, newest first (the flags count every ASN kept). */
    @WithDefault("200")
    int timelineLimit();
}
