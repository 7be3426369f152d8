package uk.nhs.cpis.security;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.StartupEvent;

/**
 * Fails start-up when no token verification key is configured: without one every request would be
 * refused, and a silent start would look healthy. Development and tests configure the dev key.
 */
public class VerificationKeyCheck {
    static final String MESSAGE = "No JWT verification key configured: set mp.jwt.verify.publickey.location "
            + "(env MP_JWT_VERIFY_PUBLICKEY_LOCATION) or mp.jwt.verify.publickey, and mp.jwt.verify.issuer.";

    void onStart(@Observes StartupEvent event, Config config) {
        boolean keyConfigured = config.getOptionalValue("mp.jwt.verify.publickey.location", String.class).isPresent()
                || config.getOptionalValue("mp.jwt.verify.publickey", String.class).isPresent();
        boolean issuerConfigured = config.getOptionalValue("mp.jwt.verify.issuer", String.class).isPresent();
        if (!keyConfigured || !issuerConfigured) {
            throw new IllegalStateException(MESSAGE);
        }
    }
}
