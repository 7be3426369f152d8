package uk.nhs.cpis.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "cpis.notifications")
public interface NotificationConfig {
    /** Page size of the LA feed when the request gives no _count. */
    @WithDefault("50")
    int defaultPageSize();

    /** Largest _count the LA feed accepts. */
    @WithDefault("500")
    int maxPageSize();

    /** Most notifications one $acknowledge call may list (a whole batch is acknowledged with the batch parameter). */
    @WithDefault("1000")
    int maxAcknowledged();
}
