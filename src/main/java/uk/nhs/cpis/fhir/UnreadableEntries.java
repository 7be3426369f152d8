package uk.nhs.cpis.fhir;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.StringType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;

/**
 * A batch Bundle whose only faults are entry resources HAPI refuses (an impossible date, an unknown code):
 * each such entry is answered as its own 400 and the others are still applied (spec section 4: "good
 * entries are stored even when others fail"). The refused resource is left out and its entry marked with
 * an extension saying what HAPI refused. The mark is part of the Bundle itself, so it survives the
 * encoding a queued upload stores and re-parses, and it is in the content a resend is compared by.
 * <p>
 * Only the upload reads Bundles: a new endpoint taking one must answer marked entries too, or their
 * resources would be silently missing.
 */
public final class UnreadableEntries {
    static final String EXTENSION = Fhir.CANONICAL_BASE + "/StructureDefinition/unreadable-resource";

    // Duplicate keys refused (the recovered Bundle must not read a value HAPI would not have), and numbers
    // kept exactly as sent (1.50 stays 1.50) when the tree is written back for HAPI.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private UnreadableEntries() {
    }

    /**
     * The Bundle in {@code json} (which HAPI refused whole) without its unreadable entry resources, their
     * entries marked; empty when no resource is unreadable on its own or the Bundle still is without them:
     * the fault is then the Bundle's, and the whole body is refused.
     */
    static Optional<Bundle> recover(FhirContext context, String json) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        JsonNode entries = tree == null ? null : tree.path("entry");
        if (entries == null || !entries.isArray()) {
            return Optional.empty();
        }
        Map<Integer, String> problems = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) instanceof ObjectNode entry && entry.has("resource")) {
                Optional<String> problem = problem(context, entry.get("resource"));
                if (problem.isPresent()) {
                    problems.put(i, problem.get());
                    entry.remove("resource");
                }
            }
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        Bundle bundle;
        try {
            bundle = FhirContextProducer.strictJsonParser(context).parseResource(Bundle.class, tree.toString());
        } catch (DataFormatException e) {
            return Optional.empty();
        }
        if (bundle.getEntry().size() != entries.size()) {
            return Optional.empty();
        }
        clearMarks(bundle);
        problems.forEach((i, problem) -> bundle.getEntry().get(i).addExtension(EXTENSION, new StringType(problem)));
        return Optional.of(bundle);
    }

    /** Marks come from this class only: one a client sent is dropped, not taken as a refused resource. */
    static void clearMarks(Bundle bundle) {
        bundle.getEntry().forEach(entry -> entry.removeExtension(EXTENSION));
    }

    /** What HAPI refused in this entry's resource, if it was left out as unreadable. */
    public static Optional<String> problem(BundleEntryComponent entry) {
        return Optional.ofNullable(entry.getExtensionByUrl(EXTENSION)).map(mark -> mark.getValue().primitiveValue());
    }

    private static Optional<String> problem(FhirContext context, JsonNode resource) {
        try {
            FhirContextProducer.strictJsonParser(context).parseResource(resource.toString());
            return Optional.empty();
        } catch (DataFormatException e) {
            return Optional.of(e.getMessage());
        }
    }
}
