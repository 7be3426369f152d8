package uk.nhs.cpis.fhir;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Extension;
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
 * A batch Bundle whose only faults are inside entries (a resource with an impossible date or an unknown
 * code, a request with an unknown method): each such entry is answered as its own 400 and the others are
 * still applied (spec section 4: "good entries are stored even when others fail"). What HAPI refused is
 * left out (the resource, or the whole entry when the fault is elsewhere in it) and the entry marked with
 * an extension saying what HAPI refused. The mark is part of the Bundle itself, so it survives the
 * encoding a queued upload stores and re-parses, and it is in the content a resend is compared by.
 * <p>
 * Only the upload reads Bundles: a new endpoint taking one must answer marked entries too, or their
 * resources would be silently missing.
 */
public final class UnreadableEntries {
    static final String EXTENSION = Fhir.CANONICAL_BASE + "/StructureDefinition/unreadable-resource";
    static final String ENTRY_EXTENSION = Fhir.CANONICAL_BASE + "/StructureDefinition/unreadable-entry";

    /** What HAPI refused in an entry, and where: in its resource, or in the entry itself. */
    public record Unreadable(String problem, boolean inResource) {
        public String diagnostics() {
            return (inResource ? "the resource" : "the entry") + " is not valid FHIR R4 JSON: " + problem;
        }

        /** The FHIRPath of what was refused, below the entry's own ({@code Bundle.entry[i]}). */
        public String location(String entryPath) {
            return inResource ? entryPath + ".resource" : entryPath;
        }
    }

    // Duplicate keys and content after the Bundle refused, as HAPI refuses them (the recovered Bundle must
    // not take a body the strict parser would not), and numbers kept exactly as sent (1.50 stays 1.50)
    // when the tree is written back for HAPI.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
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
        Map<Integer, Unreadable> problems = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof ObjectNode entry)) {
                continue;
            }
            Optional<String> inResource = entry.has("resource") ? problem(context, entry.get("resource"))
                    : Optional.empty();
            Optional<String> inEntry = entryProblem(context, entry);
            if (inEntry.isPresent()) {
                // Emptied, but kept in its place: an empty entry would be dropped by the parser.
                entry.removeAll().putArray("extension").addObject().put("url", ENTRY_EXTENSION)
                        .put("valueString", inEntry.get());
                problems.put(i, new Unreadable(inEntry.get(), false));
            } else if (inResource.isPresent()) {
                entry.remove("resource");
                problems.put(i, new Unreadable(inResource.get(), true));
            }
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        Bundle bundle;
        try {
            bundle = FhirContextProducer.parseStrictly(context, Bundle.class, tree.toString());
        } catch (DataFormatException e) {
            return Optional.empty();
        }
        if (bundle.getEntry().size() != entries.size()) {
            return Optional.empty();
        }
        clearMarks(bundle);
        problems.forEach((i, refused) -> bundle.getEntry().get(i).addExtension(
                refused.inResource() ? EXTENSION : ENTRY_EXTENSION, new StringType(refused.problem())));
        return Optional.of(bundle);
    }

    /** Marks come from this class only: one a client sent is dropped, not taken as a refused entry. */
    static void clearMarks(Bundle bundle) {
        bundle.getEntry().forEach(entry -> {
            entry.removeExtension(EXTENSION);
            entry.removeExtension(ENTRY_EXTENSION);
        });
    }

    /** What HAPI refused in this entry, if it was left out as unreadable. */
    public static Optional<Unreadable> problem(BundleEntryComponent entry) {
        Extension resource = entry.getExtensionByUrl(EXTENSION);
        Extension whole = resource != null ? resource : entry.getExtensionByUrl(ENTRY_EXTENSION);
        return Optional.ofNullable(whole)
                .map(mark -> new Unreadable(mark.getValue().primitiveValue(), mark == resource));
    }

    /** What HAPI refuses in the entry itself (its request, say), read alone in a Bundle of its own. */
    private static Optional<String> entryProblem(FhirContext context, ObjectNode entry) {
        ObjectNode alone = JSON.createObjectNode().put("resourceType", "Bundle").put("type", "batch");
        alone.putArray("entry").add(entry.deepCopy().without("resource"));
        return problem(context, alone);
    }

    private static Optional<String> problem(FhirContext context, JsonNode resource) {
        try {
            FhirContextProducer.parseStrictly(context, resource.toString());
            return Optional.empty();
        } catch (DataFormatException e) {
            return Optional.of(e.getMessage());
        }
    }
}
