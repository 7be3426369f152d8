package uk.nhs.cpis.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** A production start without a verification key (or issuer) stops with a clear message. */
class VerificationKeyCheckTest {

    @Test
    void shouldStopStartUpWithoutAKey() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new VerificationKeyCheck().onStart(null, config(Map.of("mp.jwt.verify.issuer", "https://x"))));
        assertEquals(VerificationKeyCheck.MESSAGE, refused.getMessage());
    }

    @Test
    void shouldStopStartUpWithoutAnIssuer() {
        assertThrows(IllegalStateException.class, () -> new VerificationKeyCheck().onStart(null,
                config(Map.of("mp.jwt.verify.publickey.location", "/keys/public.pem"))));
    }

    @Test
    void shouldStartWithKeyAndIssuer() {
        assertDoesNotThrow(() -> new VerificationKeyCheck().onStart(null, config(Map.of(
                "mp.jwt.verify.publickey.location", "/keys/public.pem", "mp.jwt.verify.issuer", "https://x"))));
    }

    private static SmallRyeConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }
}
