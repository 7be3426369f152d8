package uk.nhs.cpis.fhir;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import ca.uhn.fhir.context.FhirContext;
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
}
