package uk.nhs.cpis.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;

/** Reads and writes FHIR resources as JSON with HAPI FHIR. */
@Provider
@Consumes({ Fhir.FHIR_JSON, MediaType.APPLICATION_JSON })
@Produces({ Fhir.FHIR_JSON, MediaType.APPLICATION_JSON })
public class FhirJsonProvider implements MessageBodyReader<IBaseResource>, MessageBodyWriter<IBaseResource> {

    private final FhirContext fhirContext;
    private final long maxBodyBytes;

    @Inject
    public FhirJsonProvider(FhirContext fhirContext, FhirApiConfig config) {
        this.fhirContext = fhirContext;
        this.maxBodyBytes = config.maxBodyBytes();
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return IBaseResource.class.isAssignableFrom(type);
    }

    @Override
    public IBaseResource readFrom(Class<IBaseResource> type, Type genericType, Annotation[] annotations,
            MediaType mediaType, MultivaluedMap<String, String> headers, InputStream body) {
        // Read whole (the limit bounds it): a Bundle HAPI refuses is parsed a second time, entry by entry.
        String json = read(body);
        try {
            IBaseResource resource = FhirContextProducer.parseStrictly(fhirContext, type, json);
            if (resource instanceof Bundle bundle) {
                UnreadableEntries.clearMarks(bundle);
            }
            return resource;
        } catch (DataFormatException e) {
            // A fault inside one entry's resource refuses that entry only; any other fault, the whole body.
            Optional<Bundle> recovered = Bundle.class.equals(type) ? UnreadableEntries.recover(fhirContext, json)
                    : Optional.empty();
            return recovered.orElseThrow(() -> new CpisException(ErrorCode.MALFORMED_CONTENT,
                    "The body is not a valid FHIR R4 " + type.getSimpleName() + " in JSON: " + e.getMessage()));
        }
    }

    private String read(InputStream body) {
        try {
            return new String(new LimitedInputStream(body, maxBodyBytes).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CpisException(ErrorCode.MALFORMED_CONTENT, "The body could not be read.");
        }
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return IBaseResource.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(IBaseResource resource, Class<?> type, Type genericType, Annotation[] annotations,
            MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out) throws java.io.IOException {
        // Encoded whole, then written once: HAPI flushes its writer per token, and every flush to the
        // response stream would otherwise leave as its own HTTP chunk (hundreds per Bundle).
        String json = resource instanceof EncodedBundle encoded ? encoded.json()
                : fhirContext.newJsonParser().encodeResourceToString(resource);
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        headers.putSingle(HttpHeaders.CONTENT_LENGTH, body.length);
        out.write(body);
    }
}
