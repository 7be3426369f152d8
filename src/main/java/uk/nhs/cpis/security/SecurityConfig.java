package uk.nhs.cpis.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "cpis.security")
public interface SecurityConfig {
    /** Verified bearer tokens kept, so that a user's next requests skip the RS256 check; 0 turns caching off. */
    @WithDefault("10000")
    int tokenCacheSize();

    /** Longest a verified token is kept, however far off its {@code exp}. */
    @WithDefault("5m")
    Duration tokenCacheMaxAge();
}
