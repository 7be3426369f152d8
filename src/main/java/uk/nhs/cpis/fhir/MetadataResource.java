package uk.nhs.cpis.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.hl7.fhir.r4.model.CapabilityStatement;

import ca.uhn.fhir.context.FhirContext;

/** The CapabilityStatement from fhir-profiles/, open to all as FHIR expects. */
@Path("/fhir/metadata")
@PermitAll
public class MetadataResource {
    static final String CAPABILITY_STATEMENT = "fhir-profiles/CapabilityStatement-cpis-exchange.json";

    @Inject
    FhirContext fhirContext;

    @GET
    @Produces({ Fhir.FHIR_JSON, MediaType.APPLICATION_JSON })
    public CapabilityStatement metadata() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(CAPABILITY_STATEMENT)) {
            if (in == null) {
                throw new IllegalStateException(CAPABILITY_STATEMENT + " is missing from the build");
            }
            return fhirContext.newJsonParser().parseResource(CapabilityStatement.class, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
