package uk.nhs.cpis.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The conformance resources in {@code fhir-profiles/} load, agree with the code, and accept what they should. */
// A Quarkus test only so that HAPI's validator is always loaded by the same class loader as the
// application tests that share ProfileValidator: mixing loaders breaks the JAXP classes it uses.
@QuarkusTest
class FhirProfilesTest {

    private static final String SD = Fhir.CANONICAL_BASE + "/StructureDefinition/";
    private static final String NOTIFICATION_PROFILE = SD + "cpis-notification";
    private static final String CPP = "342191000000101";
    private static final String UCPP = "818901000000100";

    // ------------------------------------------------------------------ the files themselves

    @Test
    void shouldParseEveryProfileFileWithIdAndUrlMatchingItsName() {
        List<Path> files = ProfileValidator.profileFiles();
        assertTrue(files.size() >= 10, "expected the conformance resources in " + ProfileValidator.PROFILES_DIR);
        for (Path file : files) {
            IBaseResource resource = ProfileValidator.parse(file);
            String type = resource.fhirType();
            String id = resource.getIdElement().getIdPart();
            assertEquals(file.getFileName().toString(), type + "-" + id + ".json", "file name of " + file);
            if (resource instanceof MetadataResource) {
                assertEquals(Fhir.CANONICAL_BASE + "/" + type + "/" + id, ((MetadataResource) resource).getUrl(),
                        "canonical url of " + file);
            }
        }
    }

    @Test
    void shouldHaveExactlyTheErrorCodeConstantsInTheErrorCodeSystem() {
        CodeSystem codeSystem = (CodeSystem) ProfileValidator.parse(
                ProfileValidator.PROFILES_DIR.resolve("CodeSystem-cpis-error-code.json"));
        assertEquals(ErrorCode.SYSTEM, codeSystem.getUrl());
        assertEquals(CodeSystem.CodeSystemContentMode.COMPLETE, codeSystem.getContent());
        assertEquals(Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toList()),
                codeSystem.getConcept().stream().map(ConceptDefinitionComponent::getCode).collect(Collectors.toList()));
        assertEquals(ErrorCode.values().length, codeSystem.getCount());

        Map<String, ConceptDefinitionComponent> concepts = codeSystem.getConcept().stream()
                .collect(Collectors.toMap(ConceptDefinitionComponent::getCode, Function.identity()));
        for (ErrorCode code : ErrorCode.values()) {
            ConceptDefinitionComponent concept = concepts.get(code.name());
            assertEquals(code.display(), concept.getDisplay(), code.name());
            assertTrue(concept.getDefinition().contains("HTTP " + code.status()), code.name() + " definition");
            assertEquals(String.valueOf(code.status()), property(concept, "http-status"), code.name());
            assertEquals(code.issueType().toCode(), property(concept, "issue-type"), code.name());
        }
    }

    @Test
    void shouldGenerateASnapshotForEveryStructureDefinition() {
        ValidationSupportChain support = ProfileValidator.instance().support();
        for (Path file : ProfileValidator.profileFiles()) {
            IBaseResource resource = ProfileValidator.parse(file);
            if (!(resource instanceof StructureDefinition)) {
                continue;
            }
            StructureDefinition differential = (StructureDefinition) resource;
            StructureDefinition generated = (StructureDefinition) support.generateSnapshot(
                    new ValidationSupportContext(support), differential.copy(), differential.getUrl(), null,
                    differential.getName());
            assertNotNull(generated, "snapshot of " + file);
            Set<String> snapshotIds = generated.getSnapshot().getElement().stream()
                    .map(ElementDefinition::getId).collect(Collectors.toSet());
            assertEquals(differential.getType(), generated.getSnapshot().getElementFirstRep().getPath(), file.toString());
            for (ElementDefinition element : differential.getDifferential().getElement()) {
                assertTrue(snapshotIds.contains(element.getId()), file + ": " + element.getId() + " not in the snapshot");
            }
        }
    }

    @Test
    void shouldValidateEveryConformanceResourceWithoutErrorsOrWarnings() {
        ProfileValidator validator = ProfileValidator.instance();
        for (Path file : ProfileValidator.profileFiles()) {
            List<SingleValidationMessage> issues = validator.messages(ProfileValidator.parse(file)).stream()
                    .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.WARNING.ordinal())
                    .collect(Collectors.toList());
            assertTrue(issues.isEmpty(), file + ":\n" + ProfileValidator.format(issues));
        }
    }

    @Test
    void shouldDeclareTheContractInTheCapabilityStatement() {
        CapabilityStatement statement = (CapabilityStatement) ProfileValidator.parse(
                ProfileValidator.PROFILES_DIR.resolve("CapabilityStatement-cpis-exchange.json"));
        CapabilityStatement.CapabilityStatementRestComponent rest = statement.getRestFirstRep();
        assertEquals(List.of("Patient", "CareTeam", "Flag", "AuditEvent", "Communication", "Bundle"),
                rest.getResource().stream().map(r -> r.getType()).collect(Collectors.toList()));
        CapabilityStatement.CapabilityStatementRestResourceComponent careTeam = rest.getResource().get(1);
        assertEquals(Fhir.CARE_TEAM_PROFILE, careTeam.getSupportedProfile().get(0).getValue());
        assertTrue(careTeam.getConditionalUpdate());
        assertEquals("batch", rest.getInteractionFirstRep().getCode().toCode());
        Set<String> delivered = ProfileValidator.profileFiles().stream().map(ProfileValidator::parse)
                .filter(MetadataResource.class::isInstance).map(r -> ((MetadataResource) r).getUrl())
                .collect(Collectors.toSet());
        for (CapabilityStatement.CapabilityStatementRestResourceComponent resource : rest.getResource()) {
            assertTrue(resource.getDocumentation().toLowerCase(Locale.ROOT).contains("role"),
                    resource.getType() + " documentation names the roles");
            resource.getSupportedProfile().forEach(profile -> assertTrue(delivered.contains(profile.getValue()),
                    "supported profile " + profile.getValue() + " is delivered"));
            resource.getOperation().forEach(operation -> assertTrue(delivered.contains(operation.getDefinition()),
                    "operation " + operation.getDefinition() + " is delivered"));
        }
    }

    // ------------------------------------------------------------------ plans (CareTeam)

    @Test
    void shouldAcceptAValidChildProtectionPlan() {
        ProfileValidator.instance().assertValid(plan(CPP));
    }

    @Test
    void shouldAcceptAnUnbornPlanWithItsDueDate() {
        CareTeam plan = plan(UCPP);
        plan.getPeriod().setEndElement(new DateTimeType("2025-09-20"));
        ProfileValidator.instance().assertValid(plan);
    }

    @Test
    void shouldAcceptAnAnswerWhosePatientNamesTheMothersNhsNumber() {
        CareTeam plan = plan(CPP);
        ((Patient) plan.getContained().get(0)).addExtension(Fhir.MOTHER_NHS_NUMBER_EXTENSION, nhsNumber("9434765870"));
        ProfileValidator.instance().assertValid(plan);
    }

    @Test
    void shouldAcceptAnAnswerCarryingTheProjectedEndInItsExtension() {
        CareTeam plan = plan(CPP);
        plan.getPeriod().setEndElement(null);
        plan.addExtension(Fhir.PROJECTED_END_EXTENSION, new DateType("2036-05-01"));
        ProfileValidator.instance().assertValid(plan);
    }

    @Test
    void shouldRefuseAProjectedEndThatIsNotADate() {
        CareTeam plan = plan(CPP);
        plan.addExtension(Fhir.PROJECTED_END_EXTENSION, new StringType("at 18"));
        assertFalse(ProfileValidator.instance().errors(plan).isEmpty());
    }

    @Test
    void shouldRefuseAPlanWithoutEmergencyDutyNumber() {
        CareTeam plan = plan(CPP);
        plan.getTelecom().removeIf(t -> t.getUse() == ContactPoint.ContactPointUse.MOBILE);
        assertErrorAbout(plan, "CareTeam.telecom:emergencyDuty");
    }

    @Test
    void shouldRefuseAPlanWithoutManagingOrganization() {
        CareTeam plan = plan(CPP);
        plan.setManagingOrganization(null);
        assertErrorAbout(plan, "CareTeam.managingOrganization");
    }

    @Test
    void shouldRefuseAnUnbornPlanWithoutDueDate() {
        List<SingleValidationMessage> errors = ProfileValidator.instance().errors(plan(UCPP));
        assertTrue(errors.stream().anyMatch(m -> m.getMessage().contains("cpis-ct-1")), ProfileValidator.format(errors));
    }

    @Test
    void shouldRefuseAPlanWithUnknownPlanType() {
        assertErrorAbout(plan("1234567"), "CareTeam.category");
    }

    @Test
    void shouldRefuseAPlanWhosePatientLacksBirthDateOrHasABadNhsNumber() {
        CareTeam plan = plan(CPP);
        ((Patient) plan.getContained().get(0)).setBirthDate(null);
        assertErrorAbout(plan, "Patient.birthDate");

        CareTeam badNumber = plan(CPP);
        ((Patient) badNumber.getContained().get(0)).getIdentifierFirstRep().setValue("94347659");
        assertErrorAbout(badNumber, "cpis-nhs-1");
    }

    @Test
    void shouldRefuseAPlanWithoutStartOrWithARemoteSubject() {
        CareTeam noStart = plan(CPP);
        noStart.getPeriod().setStartElement(null);
        assertErrorAbout(noStart, "CareTeam.period");

        CareTeam remote = plan(CPP);
        remote.setSubject(new Reference("Patient/9434765919"));
        assertErrorAbout(remote, "cpis-ct-2");
    }

    // ------------------------------------------------------------------ notifications (Communication)

    @Test
    void shouldAcceptAnAccessToServiceNotification() {
        ProfileValidator.instance().assertValid(asn());
    }

    @Test
    void shouldAcceptAnAcknowledgedAsnFromABatch() {
        Communication asn = asn();
        asn.addExtension(SD + "notification-acknowledged", new DateTimeType("2025-03-15T09:12:00Z"));
        ProfileValidator.instance().assertValid(asn);
    }

    @Test
    void shouldAcceptBirthAndInactiveNhsNumberNotifications() {
        Communication birth = notification("birth-notification", "Birth of a baby to a mother with an unborn plan");
        birth.addExtension(SD + "notification-newborn-nhs-number", nhsNumber("9434765870"));
        ProfileValidator.instance().assertValid(birth);

        Communication inactive = notification("inactive-nhs-number", "NHS number superseded: resubmit the plan");
        inactive.addExtension(SD + "notification-new-nhs-number", nhsNumber("9434765870"));
        ProfileValidator.instance().assertValid(inactive);
    }

    @Test
    void shouldRefuseAnAsnWithoutAccessDetails() {
        Communication asn = asn();
        asn.getExtension().removeIf(e -> e.getUrl().endsWith("notification-accessing-user"));
        List<SingleValidationMessage> errors = ProfileValidator.instance().errors(asn);
        assertTrue(errors.stream().anyMatch(m -> m.getMessage().contains("cpis-not-1")), ProfileValidator.format(errors));
    }

    @Test
    void shouldRefuseANotificationWithAnUnknownCategoryOrNoRecipient() {
        Communication unknown = asn();
        unknown.getCategoryFirstRep().getCodingFirstRep().setCode("gossip");
        assertErrorAbout(unknown, "Communication.category");

        Communication noRecipient = asn();
        noRecipient.getRecipient().clear();
        assertErrorAbout(noRecipient, "Communication.recipient");
    }

    @Test
    void shouldAcceptANewbornInTheRegisterNamingItsMother() {
        Patient newborn = patient();
        newborn.addExtension(Fhir.MOTHER_NHS_NUMBER_EXTENSION, nhsNumber("9434765870"));
        ProfileValidator.instance().assertValid(newborn);

        newborn.getExtensionByUrl(Fhir.MOTHER_NHS_NUMBER_EXTENSION).setValue(new StringType("9434765870"));
        assertFalse(ProfileValidator.instance().errors(newborn).isEmpty(), "the mother's number is an Identifier");
    }

    // ------------------------------------------------------------------ fixtures

    /** A plan as the LA330 system uploads it (Johnny, NHS number 9434765919). */
    static CareTeam plan(String planType) {
        CareTeam plan = new CareTeam();
        plan.getMeta().addProfile(Fhir.CARE_TEAM_PROFILE);
        plan.setStatus(CareTeam.CareTeamStatus.ACTIVE);
        Patient patient = patient();
        patient.setId("patient");
        plan.addContained(patient);
        plan.setSubject(new Reference("#patient"));
        plan.addCategory(new CodeableConcept(new Coding(Fhir.SNOMED_SYSTEM, planType, null)));
        plan.getPeriod().setStartElement(new DateTimeType("2025-02-03"));
        Reference la = new Reference().setDisplay("Northtown Borough Council");
        la.setIdentifier(new Identifier().setSystem(Fhir.ODS_CODE_SYSTEM).setValue("LA330"));
        plan.addManagingOrganization(la);
        plan.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("0300 555 0101")
                .setUse(ContactPoint.ContactPointUse.MOBILE);
        plan.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("0300 555 0100")
                .setUse(ContactPoint.ContactPointUse.WORK);
        return plan;
    }

    static Patient patient() {
        Patient patient = new Patient();
        patient.addIdentifier(nhsNumber("9434765919"));
        patient.addName().setFamily("Smith").addGiven("Johnny");
        patient.setGender(AdministrativeGender.MALE);
        patient.setBirthDateElement(new DateType("2020-01-15"));
        return patient;
    }

    /** Johnny's ASN to LA330: an ED consultant at Northtown General viewed his plan. */
    static Communication asn() {
        Communication asn = notification("asn", "Viewed at Northtown General Hospital by Dr Anna Jones (ED Consultant)");
        asn.addExtension(SD + "notification-access-time", new DateTimeType("2025-03-07T20:04:11Z"));
        Reference user = new Reference().setDisplay("Dr Anna Jones");
        user.setIdentifier(new Identifier().setSystem(Fhir.SDS_USER_SYSTEM).setValue("555000000001"));
        asn.addExtension(SD + "notification-accessing-user", user);
        asn.addExtension(SD + "notification-job-role", new StringType("ED Consultant"));
        Reference organisation = new Reference().setDisplay("Northtown General Hospital");
        organisation.setIdentifier(new Identifier().setSystem(Fhir.ODS_CODE_SYSTEM).setValue("RX101"));
        asn.addExtension(SD + "notification-accessing-organization", organisation);
        return asn;
    }

    static Communication notification(String category, String summary) {
        Communication notification = new Communication();
        notification.getMeta().addProfile(NOTIFICATION_PROFILE);
        notification.setStatus(Communication.CommunicationStatus.COMPLETED);
        notification.addCategory().addCoding().setSystem(Fhir.NOTIFICATION_CATEGORY_SYSTEM).setCode(category);
        Reference subject = new Reference().setDisplay("Johnny Smith");
        subject.setIdentifier(nhsNumber("9434765919"));
        notification.setSubject(subject);
        Reference recipient = new Reference().setDisplay("Northtown Borough Council");
        recipient.setIdentifier(new Identifier().setSystem(Fhir.ODS_CODE_SYSTEM).setValue("LA330"));
        notification.addRecipient(recipient);
        notification.setSentElement(new DateTimeType("2025-03-08T01:00:05Z"));
        notification.addPayload().setContent(new StringType(summary));
        notification.addExtension(SD + "notification-patient-birth-date", new DateType("2020-01-15"));
        notification.addExtension(SD + "notification-batch-run", new StringType("run-2025-03-08"));
        return notification;
    }

    static Identifier nhsNumber(String value) {
        return new Identifier().setSystem(Fhir.NHS_NUMBER_SYSTEM).setValue(value);
    }

    private static String property(ConceptDefinitionComponent concept, String code) {
        return concept.getProperty().stream().filter(p -> p.getCode().equals(code)).findFirst()
                .map(p -> p.getValue().primitiveValue()).orElse(null);
    }

    /** Asserts an error whose location starts with, or whose message mentions, the given text. */
    private static void assertErrorAbout(Resource resource, String text) {
        List<SingleValidationMessage> errors = ProfileValidator.instance().errors(resource);
        assertTrue(errors.stream().anyMatch(m -> String.valueOf(m.getLocationString()).startsWith(text)
                        || String.valueOf(m.getMessage()).contains(text)),
                "expected an error about " + text + ", got:\n" + ProfileValidator.format(errors));
    }
}
