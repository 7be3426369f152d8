package uk.nhs.cpis.fhir;

import static org.junit.jupiter.api.Assertions.fail;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Validates resources against the conformance resources in {@code fhir-profiles/} with the HAPI FHIR
 * instance validator, offline. Building it loads the whole R4 core definitions and takes several seconds,
 * so there is one shared instance, built on first use.
 */
// Use it from @QuarkusTest classes only: HAPI's validator pulls in JAXP classes, and a plain test
// that loads it after the Quarkus tests in the same JVM fails with a loader constraint violation.
public final class ProfileValidator {

    /** The profiles directory, relative to the project directory (the working directory of tests). */
    public static final Path PROFILES_DIR = Path.of("fhir-profiles");

    private final FhirContext context;
    private final ValidationSupportChain support;
    private final FhirValidator validator;

    private ProfileValidator() {
        context = FhirContext.forR4Cached();
        PrePopulatedValidationSupport profiles = new PrePopulatedValidationSupport(context);
        // No terminology server is reachable from tests, and none is needed: the plan-type ValueSet enumerates
        // its SNOMED CT concepts, so the in-memory terminology support expands it and checks the required
        // binding of CareTeam.category without the SNOMED CT code system. (A SNOMED CT CodeSystem stub with
        // content "fragment" must not be added: HAPI 8.4 then refuses to expand the ValueSet.)
        profileFiles().forEach(file -> profiles.addResource(parse(file)));

        support = new ValidationSupportChain(
                new DefaultProfileValidationSupport(context),
                profiles,
                new SnapshotGeneratingValidationSupport(context),
                new InMemoryTerminologyServerValidationSupport(context),
                new CommonCodeSystemsTerminologyService(context));

        FhirInstanceValidator instanceValidator = new FhirInstanceValidator(support);
        validator = context.newValidator();
        validator.registerValidatorModule(instanceValidator);
    }

    private static final class Holder {
        static final ProfileValidator INSTANCE = new ProfileValidator();
    }

    /** The shared validator, built on first use. */
    public static ProfileValidator instance() {
        return Holder.INSTANCE;
    }

    /** Every JSON file in {@code fhir-profiles/}, sorted by name. */
    public static List<Path> profileFiles() {
        try (Stream<Path> files = Files.list(PROFILES_DIR)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + PROFILES_DIR.toAbsolutePath(), e);
        }
    }

    /** Parses one JSON resource file with the R4 parser. */
    public static IBaseResource parse(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return FhirContext.forR4Cached().newJsonParser().parseResource(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    public FhirContext context() {
        return context;
    }

    /** The support chain: core definitions, the profiles (with generated snapshots) and terminology. */
    public ValidationSupportChain support() {
        return support;
    }

    /** All messages, of every severity. */
    public List<SingleValidationMessage> messages(IBaseResource resource) {
        return validator.validateWithResult(resource).getMessages();
    }

    /** Only the ERROR and FATAL messages. */
    public List<SingleValidationMessage> errors(IBaseResource resource) {
        return messages(resource).stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .collect(Collectors.toList());
    }

    /** Fails, listing every error, unless the resource validates (warnings are allowed). */
    public void assertValid(IBaseResource resource) {
        List<SingleValidationMessage> errors = errors(resource);
        if (!errors.isEmpty()) {
            fail(describe(resource) + " is not valid:\n" + format(errors));
        }
    }

    public static String format(List<SingleValidationMessage> messages) {
        return messages.stream()
                .map(m -> "  " + m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage())
                .collect(Collectors.joining("\n"));
    }

    private static String describe(IBaseResource resource) {
        String type = FhirContext.forR4Cached().getResourceType(resource);
        return resource.getIdElement().hasIdPart() ? type + "/" + resource.getIdElement().getIdPart() : type;
    }
}
