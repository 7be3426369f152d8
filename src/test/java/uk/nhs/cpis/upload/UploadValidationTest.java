package uk.nhs.cpis.upload;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import uk.nhs.cpis.support.MutableClock;
import uk.nhs.cpis.support.Plans;
import uk.nhs.cpis.support.TestPatients;
import uk.nhs.cpis.support.Tokens;

/** LA system, failures: every upload rule refuses its entry with a catalogue code and the field's path. */
@QuarkusTest
class UploadValidationTest {
    private static final LocalDate BORN = LocalDate.of(2019, 6, 15);
    private static final String CODE = "entry[0].response.outcome.issue[0].details.coding[0].code";
    private static final String WHERE = "entry[0].response.outcome.issue[0].expression[0]";

    @Inject
    MutableClock clock;

    private String nhs;

    @BeforeEach
    void registerChild() {
        clock.set(Instant.parse("2026-11-29T12:00:00Z"));
        nhs = TestPatients.register("Taylor", "Johnny", BORN);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldRefuseInvalidNhsNumberInTheUrl() {
        upload(Plans.putEntry(Plans.plan("9434765918", "Taylor", BORN, Plans.CPP)))
                .body("entry[0].response.status", equalTo("422 Unprocessable Entity"))
                .body(CODE, equalTo("INVALID_NHS_NUMBER"))
                .body(WHERE, equalTo("Bundle.entry[0].request.url"));
    }

    @Test
    void shouldRefusePatientMissingFromTheRegister() {
        String unknown = TestPatients.newNhsNumber();
        refused(Plans.plan(unknown, "Taylor", BORN, Plans.CPP), "PATIENT_NOT_FOUND",
                "Bundle.entry[0].resource.contained[0].identifier");
    }

    @Test
    void shouldRefuseSupersededNumberAndNameTheNewOne() {
        String newNumber = TestPatients.register("Green", "Sam", BORN);
        String oldNumber = TestPatients.newNhsNumber();
        TestPatients.register("""
                {"resourceType":"Patient","id":"%s",
                 "identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"%s"}],
                 "active":false,"name":[{"family":"Green","given":["Sam"]}],"gender":"male","birthDate":"%s",
                 "link":[{"other":{"reference":"Patient/%s"},"type":"replaced-by"}]}"""
                .formatted(oldNumber, oldNumber, BORN, newNumber), oldNumber);
        refused(Plans.plan(oldNumber, "Green", BORN, Plans.CPP), "PATIENT_SUPERSEDED",
                "Bundle.entry[0].resource.contained[0].identifier")
                .body("entry[0].response.outcome.issue[0].diagnostics", containsString(newNumber));
    }

    @Test
    void shouldRefuseFamilyNameThatDiffersFromTheRegister() {
        refused(Plans.plan(nhs, "Tailor", BORN, Plans.CPP), "DEMOGRAPHICS_MISMATCH",
                "Bundle.entry[0].resource.contained[0].name[0].family");
    }

    @Test
    void shouldAcceptFamilyNameInOtherCase() {
        upload(Plans.putEntry(Plans.plan(nhs, "TAYLOR", BORN, Plans.CPP)))
                .body("entry[0].response.status", equalTo("201 Created"));
    }

    @Test
    void shouldRefuseBirthDateThatDiffersFromTheRegister() {
        refused(Plans.plan(nhs, "Taylor", BORN.plusDays(1), Plans.CPP), "DEMOGRAPHICS_MISMATCH",
                "Bundle.entry[0].resource.contained[0].birthDate");
    }

    @Test
    void shouldRefuseMissingStartDate() {
        refused(Plans.plan(nhs, "Taylor", BORN, Plans.CPP).start(null), "MISSING_START_DATE",
                "Bundle.entry[0].resource.period.start");
    }

    @Test
    void shouldRefuseStartDateTomorrowButAcceptToday() {
        refused(Plans.plan(nhs, "Taylor", BORN, Plans.CPP).start("2026-11-30"), "START_DATE_IN_FUTURE",
                "Bundle.entry[0].resource.period.start");
        upload(Plans.putEntry(Plans.plan(nhs, "Taylor", BORN, Plans.CPP).start("2026-11-29")))
                .body("entry[0].response.status", equalTo("201 Created"));
    }

    @Test
    void shouldUseTheLondonDateForToday() {
        // 00:30 London time in summer is still the previous day in UTC.
        clock.set(Instant.parse("2026-07-01T23:30:00Z"));
        upload(Plans.putEntry(Plans.plan(nhs, "Taylor", BORN, Plans.CPP).start("2026-07-02")))
                .body("entry[0].response.status", equalTo("201 Created"));
    }

    @Test
    void shouldRefuseEndBeforeStart() {
        refused(Plans.plan(nhs, "Taylor", BORN, Plans.LAC).start("2026-05-01").end("2026-04-30"), "END_BEFORE_START",
                "Bundle.entry[0].resource.period.end");
    }

    @Test
    void shouldRefuseCppEndingAfterThe18thBirthdayButAcceptOnIt() {
        refused(Plans.plan(nhs, "Taylor", BORN, Plans.CPP).end("2037-06-16"), "END_AFTER_18TH_BIRTHDAY",
                "Bundle.entry[0].resource.period.end");
        upload(Plans.putEntry(Plans.plan(nhs, "Taylor", BORN, Plans.CPP).end("2037-06-15")))
                .body("entry[0].response.status", equalTo("201 Created"));
    }

    @Test
    void shouldRefuseLacEndingAfterThe18thBirthday() {
        refused(Plans.plan(nhs, "Taylor", BORN, Plans.LAC).end("2037-06-16"), "END_AFTER_18TH_BIRTHDAY",
                "Bundle.entry[0].resource.period.end");
    }

    @Test
    void shouldRefuseUnbornPlanWithoutDueDate() {
        String mother = TestPatients.register("Brown", "Tracy", LocalDate.of(2007, 5, 20));
        refused(Plans.plan(mother, "Brown", LocalDate.of(2007, 5, 20), Plans.UCPP), "MISSING_DUE_DATE",
                "Bundle.entry[0].resource.period.end");
    }

    @Test
    void shouldAcceptUnbornPlanOnTheAdultMother() {
        String mother = TestPatients.register("Brown", "Tracy", LocalDate.of(2007, 5, 20));
        upload(Plans.putEntry(Plans.plan(mother, "Brown", LocalDate.of(2007, 5, 20), Plans.UCPP).end("2027-01-05")))
                .body("entry[0].response.status", equalTo("201 Created"));
    }

    @Test
    void shouldRefuseMissingEmergencyDutyNumber() {
        refused(Plans.plan(nhs, "Taylor", BORN, Plans.CPP).emergency(null), "MISSING_EMERGENCY_NUMBER",
                "Bundle.entry[0].resource.telecom");
    }

    @Test
    void shouldRefuseAPlanManagedByAnotherLa() {
        upload(Plans.putEntry(Plans.plan(nhs, "Taylor", BORN, Plans.CPP).la(Tokens.OTHER_LA)))
                .body("entry[0].response.status", equalTo("403 Forbidden"))
                .body(CODE, equalTo("ORGANISATION_MISMATCH"));
    }

    @Test
    void shouldRefuseCategoryThatDiffersFromTheUrl() {
        String entry = """
                {"request":{"method":"PUT","url":"%s"},"resource":%s}"""
                .formatted(Plans.url(nhs, Plans.LAC), Plans.plan(nhs, "Taylor", BORN, Plans.CPP).json());
        upload(entry).body(CODE, equalTo("INVALID_PLAN_TYPE"))
                .body(WHERE, equalTo("Bundle.entry[0].resource.category"));
    }

    @Test
    void shouldReportEveryViolationOfAnEntry() {
        upload(Plans.putEntry(Plans.plan(nhs, "Taylor", BORN, Plans.CPP).start(null).emergency(null)))
                .body("entry[0].response.outcome.issue.details.coding.code.flatten()",
                        hasItem("MISSING_EMERGENCY_NUMBER"))
                .body("entry[0].response.outcome.issue", hasSize(2))
                .body("entry[0].response.outcome.issue[0].diagnostics", containsString("Entry 0"));
    }

    @Test
    void shouldStoreGoodEntriesWhenOthersFail() {
        String second = TestPatients.register("Evans", "Lucy", LocalDate.of(2014, 7, 2));
        upload(Plans.putEntry(Plans.plan(nhs, "Taylor", BORN, Plans.CPP)),
                Plans.putEntry(Plans.plan(second, "Evans", LocalDate.of(2014, 7, 2), Plans.LAC).start(null)),
                Plans.putEntry(Plans.plan(second, "Evans", LocalDate.of(2014, 7, 2), Plans.CPP)))
                .body("entry.response.status", org.hamcrest.Matchers.contains("201 Created",
                        "422 Unprocessable Entity", "201 Created"))
                .body("entry[1].response.outcome.issue[0].expression[0]",
                        equalTo("Bundle.entry[1].resource.period.start"));
        // Stored: sending the good ones again replaces them (200) rather than creating them.
        upload(Plans.putEntry(Plans.plan(nhs, "Taylor", BORN, Plans.CPP)))
                .body("entry[0].response.status", equalTo("200 OK"));
    }

    @Test
    void shouldRefuseAnEntryWithoutACareTeam() {
        upload("""
                {"request":{"method":"PUT","url":"%s"},"resource":{"resourceType":"Basic","code":{"text":"x"}}}"""
                .formatted(Plans.url(nhs, Plans.CPP)))
                .body(CODE, equalTo("INVALID_RESOURCE"));
    }

    @Test
    void shouldRefuseUnsupportedEntryMethodAndBadUrl() {
        upload("""
                {"request":{"method":"POST","url":"%s"}}""".formatted(Plans.url(nhs, Plans.CPP)),
                """
                {"request":{"method":"DELETE","url":"Patient?identifier=x"}}""")
                .body("entry[0].response.status", equalTo("405 Method Not Allowed"))
                .body("entry[1].response.status", equalTo("400 Bad Request"))
                .body("entry[1].response.outcome.issue[0].expression[0]", equalTo("Bundle.entry[1].request.url"));
    }

    @Test
    void shouldRefuseEnteredInErrorAndPointToDelete() {
        refusedJson(withStatus("entered-in-error"), "INVALID_RESOURCE", "Bundle.entry[0].resource.status")
                .body("entry[0].response.outcome.issue[0].diagnostics", containsString("DELETE"));
    }

    @Test
    void shouldRefuseAStatusTheServiceWouldNotShow() {
        refusedJson(withStatus("suspended"), "INVALID_RESOURCE", "Bundle.entry[0].resource.status");
    }

    @Test
    void shouldAcceptAPlanWithoutStatus() {
        upload(Plans.putEntry(Plans.plan(nhs, "Taylor", BORN, Plans.CPP).url(), withStatus(null)))
                .body("entry[0].response.status", equalTo("201 Created"));
    }

    @Test
    void shouldRefuseAnEmergencyNumberThatIsNotAPhone() {
        String email = Plans.plan(nhs, "Taylor", BORN, Plans.CPP).json()
                .replace("{\"system\":\"phone\",\"value\":\"01632 960001\"", "{\"system\":\"email\",\"value\":\"duty@example.org\"");
        refusedJson(email, "INVALID_RESOURCE", "Bundle.entry[0].resource.telecom[0].system");
    }

    @Test
    void shouldRefuseMoreThanOneManagingOrganization() {
        String two = Plans.plan(nhs, "Taylor", BORN, Plans.CPP).json().replace("\"display\":\"Northtown Council\"}]",
                "\"display\":\"Northtown Council\"},{\"identifier\":{\"system\":"
                        + "\"https://fhir.nhs.uk/Id/ods-organization-code\",\"value\":\"" + Tokens.OTHER_LA
                        + "\"},\"display\":\"Southtown Council\"}]");
        refusedJson(two, "INVALID_RESOURCE", "Bundle.entry[0].resource.managingOrganization[1]");
    }

    @Test
    void shouldNameTheEntryOnceInEachDiagnostic() {
        upload("""
                {"request":{"method":"POST","url":"%s"}}""".formatted(Plans.url(nhs, Plans.CPP)),
                """
                {"resource":%s}""".formatted(Plans.plan(nhs, "Taylor", BORN, Plans.CPP).json()),
                """
                {"request":{"method":"PUT","url":"%s"},"resource":{"resourceType":"Basic","code":{"text":"x"}}}"""
                        .formatted(Plans.url(nhs, Plans.CPP)))
                .body("entry[0].response.outcome.issue[0].diagnostics",
                        equalTo("Entry 0: only PUT and DELETE are supported."))
                .body("entry[1].response.outcome.issue[0].diagnostics",
                        equalTo("Entry 1: request.method and request.url are required."))
                .body("entry[2].response.outcome.issue[0].diagnostics",
                        equalTo("Entry 2: the resource must be a CareTeam."));
    }

    private String withStatus(String status) {
        String json = Plans.plan(nhs, "Taylor", BORN, Plans.CPP).json();
        return status == null ? json.replace("\"status\":\"active\",", "")
                : json.replace("\"status\":\"active\"", "\"status\":\"" + status + "\"");
    }

    private ValidatableResponse refusedJson(String careTeamJson, String code, String location) {
        return upload(Plans.putEntry(Plans.url(nhs, Plans.CPP), careTeamJson))
                .body("entry[0].response.status", equalTo("422 Unprocessable Entity"))
                .body(CODE, equalTo(code))
                .body(WHERE, equalTo(location));
    }

    private ValidatableResponse refused(Plans.Builder plan, String code, String location) {
        return upload(Plans.putEntry(plan))
                .body("entry[0].response.status", equalTo("422 Unprocessable Entity"))
                .body(CODE, equalTo(code))
                .body(WHERE, equalTo(location));
    }

    static ValidatableResponse upload(String... entries) {
        return given().auth().oauth2(Tokens.laUpload()).contentType("application/fhir+json")
                .body(Plans.batch(null, entries))
                .when().post("/fhir")
                .then().log().ifValidationFails().statusCode(200)
                .body("resourceType", equalTo("Bundle")).body("type", equalTo("batch-response"))
                .body("entry", hasSize(entries.length));
    }
}
