package uk.nhs.cpis.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/** The verified-token cache, with the delegate parser and both clocks under the test's control. */
class CachingJwtParserTest {
    private static final long START_MILLIS = 1_800_000_000_000L;

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong millis = new AtomicLong(START_MILLIS);
    private final List<String> verified = new ArrayList<>();
    private final List<String> refuse = new ArrayList<>();
    // The token rules are TokenRulesTest's; here they let the test's day-long token through.
    private final CachingJwtParser parser = new CachingJwtParser(delegate(), 100, Duration.ofMinutes(5),
            nanos::get, new TokenRules(Duration.ofSeconds(60), Duration.ofDays(1), Optional.empty(), millis::get));

    private JWTParser delegate() {
        return (JWTParser) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { JWTParser.class },
                (proxy, method, args) -> {
                    String token = (String) args[0];
                    verified.add(token);
                    if (refuse.remove(token)) {
                        throw new ParseException("refused");
                    }
                    // The test's tokens are "<exp in seconds from the start>".
                    JwtClaims claims = new JwtClaims();
                    claims.setSubject("555000000001");
                    claims.setIssuedAt(NumericDate.fromMilliseconds(START_MILLIS));
                    claims.setExpirationTime(NumericDate.fromMilliseconds(START_MILLIS
                            + TimeUnit.SECONDS.toMillis(Long.parseLong(token))));
                    return new DefaultJWTCallerPrincipal(claims);
                });
    }

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
        millis.addAndGet(by.toMillis());
    }

    @Test
    void shouldVerifyATokenOnceWhileItIsValid() throws ParseException {
        JsonWebToken first = parser.parse("60");
        advance(Duration.ofSeconds(59));
        assertSame(first, parser.parse("60"));
        assertEquals(List.of("60"), verified);
    }

    @Test
    void shouldVerifyAgainOnceTheTokenHasExpired() throws ParseException {
        parser.parse("60");
        advance(Duration.ofSeconds(61));
        refuse.add("60");
        assertThrows(ParseException.class, () -> parser.parse("60"));
        assertEquals(List.of("60", "60"), verified);
    }

    @Test
    void shouldNeverCacheAFailure() throws ParseException {
        refuse.add("60");
        assertThrows(ParseException.class, () -> parser.parse("60"));
        parser.parse("60");
        assertEquals(List.of("60", "60"), verified);
    }

    @Test
    void shouldKeepALongLivedTokenNoLongerThanTheMaximumAge() throws ParseException {
        parser.parse("86400");
        advance(Duration.ofMinutes(4));
        parser.parse("86400");
        advance(Duration.ofMinutes(2));
        parser.parse("86400");
        assertEquals(List.of("86400", "86400"), verified);
    }

    @Test
    void shouldKeyOnTheWholeTokenString() throws ParseException {
        parser.parse("600");
        parser.parse("0600");
        assertEquals(List.of("600", "0600"), verified);
    }
}
