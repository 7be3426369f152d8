package uk.nhs.cpis.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The token parser Quarkus authenticates every request with, wrapped in a bounded cache of tokens
 * already verified, keyed by the exact token string. Checking an RS256 signature costs more than a
 * whole lookup, and a clinician sends the same token many times. An entry lives until the token's
 * {@code exp} (or the configured maximum age, if sooner); a token that fails is never cached, so a
 * tampered, expired or wrongly issued token is checked, and refused, every time. A verified token must also
 * keep this service's {@link TokenRules} (issue time, lifetime, audience) before it is cached.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {
    private final JWTParser delegate;
    private final TokenRules rules;
    private final Cache<String, JsonWebToken> verified;

    /** The skew is SmallRye's, for exp and nbf ({@code mp.jwt.verify.clock.skew}); iat is given the same. */
    @Inject
    public CachingJwtParser(DefaultJWTParser delegate, SecurityConfig config,
            @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60") int clockSkewSeconds) {
        this(delegate, config.tokenCacheSize(), config.tokenCacheMaxAge(), Ticker.systemTicker(),
                new TokenRules(Duration.ofSeconds(clockSkewSeconds), config.maxTokenLifetime(), config.audience(),
                        System::currentTimeMillis));
    }

    CachingJwtParser(JWTParser delegate, int size, Duration maxAge, Ticker ticker, TokenRules rules) {
        this.delegate = delegate;
        this.rules = rules;
        this.verified = Caffeine.newBuilder().maximumSize(size).ticker(ticker)
                .expireAfter(new UntilExpiry(maxAge, rules.epochMillis())).build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken cached = verified.getIfPresent(token);
        if (cached != null) {
            return cached;
        }
        JsonWebToken parsed = new VerifiedToken(delegate.parse(token));
        rules.check(parsed);
        verified.put(token, parsed);
        return parsed;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }

    /** Keeps an entry until its token's exp, capped at the maximum age; never past exp. */
    private record UntilExpiry(Duration maxAge, LongSupplier epochMillis) implements Expiry<String, JsonWebToken> {
        @Override
        public long expireAfterCreate(String token, JsonWebToken jwt, long currentTime) {
            long untilExp = TimeUnit.SECONDS.toNanos(jwt.getExpirationTime())
                    - TimeUnit.MILLISECONDS.toNanos(epochMillis.getAsLong());
            return Math.max(0, Math.min(untilExp, maxAge.toNanos()));
        }

        @Override
        public long expireAfterUpdate(String token, JsonWebToken jwt, long currentTime, long currentDuration) {
            return expireAfterCreate(token, jwt, currentTime);
        }

        @Override
        public long expireAfterRead(String token, JsonWebToken jwt, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
