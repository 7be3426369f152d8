package uk.nhs.cpis.http;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bounds on requests with a body, so that slow or numerous uploads cannot starve lookups and health. */
@ConfigMapping(prefix = "cpis.http")
public interface HttpConfig {
    /**
     * Longest a request body may take to arrive in full, counted from its headers; a slower one is answered
     * 408 and its connection closed. The streamed NDJSON register load is not buffered and has no such
     * bound: each of its reads waits at most {@code quarkus.http.read-timeout}.
     */
    @WithDefault("60s")
    Duration bodyTimeout();

    /**
     * Requests with a body (uploads, register loads, acknowledgements...) in progress at once, from
     * arrival to answer; more are answered 429. At most half the worker pool
     * ({@code quarkus.thread-pool.max-threads}), or the server does not start: the rest is for lookups
     * and health.
     */
    @WithDefault("16")
    int maxConcurrentUploads();

    /** The same per organisation (the token's {@code org}); requests whose token fails share one allowance. */
    @WithDefault("4")
    int maxConcurrentUploadsPerOrg();

    /** The {@code Retry-After} of a 429. */
    @WithDefault("5s")
    Duration retryAfter();
}
