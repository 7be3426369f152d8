package uk.nhs.cpis.security;

import java.time.Duration;
import java.util.Optional;

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

    /** Longest lifetime ({@code exp - iat}) a token may have; a longer-lived one is refused (401). */
    @WithDefault("PT1H")
    Duration maxTokenLifetime();

    /** When set, a token's {@code aud} must name this value (401 otherwise); unset, {@code aud} is not read. */
    Optional<String> audience();
}
