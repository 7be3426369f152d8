package uk.nhs.cpis.fhir;

import org.hl7.fhir.r4.model.Bundle;

/**
 * A Bundle already encoded as FHIR JSON ({@link SearchsetJson}), which {@link FhirJsonProvider} writes as it is.
 * Lookups answer from resources encoded once and kept; encoding them again with HAPI for every answer was the
 * largest part of a lookup's own CPU. It is a Bundle only so that resource methods keep their FHIR type (and
 * their OpenAPI schema); its HAPI model is empty.
 */
public final class EncodedBundle extends Bundle {
    private static final long serialVersionUID = 1L;

    private final transient String json;

    EncodedBundle(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }
}
