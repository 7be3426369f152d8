package uk.nhs.cpis.fhir;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes a searchset Bundle around resources already encoded as JSON, exactly as HAPI FHIR encodes the same
 * Bundle (its element order, compact; {@code SearchsetJsonTest} compares the two). The entries must be added in
 * the order the Bundle lists them, matches first.
 */
public final class SearchsetJson {
    private static final JsonFactory JSON = new JsonFactory();

    private final StringWriter text = new StringWriter(1024);
    private final JsonGenerator out;

    private SearchsetJson(String selfUrl, int total) throws IOException {
        out = JSON.createGenerator(text);
        out.writeStartObject();
        out.writeStringField("resourceType", "Bundle");
        out.writeStringField("type", "searchset");
        out.writeNumberField("total", total);
        out.writeArrayFieldStart("link");
        out.writeStartObject();
        out.writeStringField("relation", "self");
        out.writeStringField("url", selfUrl);
        out.writeEndObject();
        out.writeEndArray();
    }

    public static SearchsetJson of(String selfUrl, int total) {
        try {
            return new SearchsetJson(selfUrl, total);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An entry with {@code search.mode} match. */
    public SearchsetJson match(String fullUrl, String resourceJson) {
        return entry(fullUrl, resourceJson, "match");
    }

    /** An entry with {@code search.mode} outcome (an OperationOutcome about the search). */
    public SearchsetJson outcome(String fullUrl, String resourceJson) {
        return entry(fullUrl, resourceJson, "outcome");
    }

    public EncodedBundle end() {
        try {
            if (out.getOutputContext().inArray()) {
                out.writeEndArray();
            }
            out.writeEndObject();
            out.close();
            return new EncodedBundle(text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SearchsetJson entry(String fullUrl, String resourceJson, String mode) {
        try {
            if (!out.getOutputContext().inArray()) {
                out.writeArrayFieldStart("entry");
            }
            out.writeStartObject();
            out.writeStringField("fullUrl", fullUrl);
            out.writeFieldName("resource");
            out.writeRawValue(resourceJson);
            out.writeObjectFieldStart("search");
            out.writeStringField("mode", mode);
            out.writeEndObject();
            out.writeEndObject();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
