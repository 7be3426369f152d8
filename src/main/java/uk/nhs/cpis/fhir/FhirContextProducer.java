package uk.nhs.cpis.fhir;

import java.util.function.Supplier;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.hl7.fhir.instance.model.api.IBaseResource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;

public class FhirContextProducer {

    // Building the R4 context scans the whole model: do it once.
    @Produces
    @Singleton
    FhirContext fhirContext() {
        FhirContext context = FhirContext.forR4Cached();
        context.setParserErrorHandler(new StrictErrorHandler());
        // Our resources contain what they contain explicitly (a CareTeam's #patient); HAPI's search for
        // referenced resources to contain walked every resource on every encode: ~15 % of encoding time.
        context.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
        return context;
    }

    /** A parser that refuses unknown elements and wrong types, so bad input is a 400, not a guess. */
    public static IParser strictJsonParser(FhirContext context) {
        return context.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    }

    /**
     * Parses with {@link #strictJsonParser}, every refusal of the input a {@link DataFormatException}. For some
     * malformed input HAPI's parser fails with another exception: IllegalArgumentException for a contained (or
     * entry) resource whose resourceType is "" or " ", NullPointerException for a Bundle entry resource it could
     * not build. Those would be a 500 and take the whole Bundle or load with them; the parser reads nothing but
     * the client's JSON, so any failure of it is the client's 400.
     */
    public static <T extends IBaseResource> T parseStrictly(FhirContext context, Class<T> type, String json) {
        return unreadableAsFormatError(() -> strictJsonParser(context).parseResource(type, json));
    }

    /** {@link #parseStrictly(FhirContext, Class, String)} for a resource of any type, as its resourceType says. */
    public static IBaseResource parseStrictly(FhirContext context, String json) {
        return unreadableAsFormatError(() -> strictJsonParser(context).parseResource(json));
    }

    private static <T> T unreadableAsFormatError(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
            throw new DataFormatException("HAPI FHIR could not read it (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); an empty resourceType, or an empty or null resource, is the usual cause", e);
        }
    }
}
