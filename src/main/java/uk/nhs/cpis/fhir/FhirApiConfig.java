package uk.nhs.cpis.fhir;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "cpis.api")
public interface FhirApiConfig {
    /** Largest FHIR JSON request body accepted, in bytes; larger bodies get 413. */
    @WithDefault("67108864")
    long maxBodyBytes();
}
