package uk.nhs.cpis.support;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;

import io.restassured.response.ValidatableResponse;

/** The staff register through its HTTP load (POST /api/admin/staff, one PractitionerRole per line). */
public final class Staff {
    private Staff() {
    }

    /** A new user the register lists, working at {@code org}: a privacy officer there may restrict them. */
    public static String at(String org) {
        String userId = Tokens.newUserId();
        load(practitionerRole(userId, "Staff " + userId, org, "Staff Nurse", true)).statusCode(200);
        return userId;
    }

    public static String atHospital() {
        return at(Tokens.HOSPITAL);
    }

    public static String practitionerRole(String userId, String name, String org, String jobRole, boolean active) {
        return "{\"resourceType\":\"PractitionerRole\",\"active\":" + active + ",\"practitioner\":{\"identifier\":"
                + "{\"system\":\"https://fhir.nhs.uk/Id/sds-user-id\",\"value\":\"" + userId + "\"},\"display\":\""
                + name + "\"},\"organization\":{\"identifier\":{\"system\":"
                + "\"https://fhir.nhs.uk/Id/ods-organization-code\",\"value\":\"" + org + "\"}},\"code\":[{\"text\":\""
                + jobRole + "\"}]}";
    }

    public static ValidatableResponse load(String ndjson) {
        return given().auth().oauth2(Tokens.admin()).contentType("application/fhir+ndjson")
                .body(ndjson.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/admin/staff").then();
    }
}
