package uk.nhs.cpis.support;

import static io.restassured.RestAssured.given;

/** Switches the service mode as an administrator does: PUT /api/admin/mode. */
public final class ServiceModes {
    private ServiceModes() {
    }

    public static void readOnly(String reason) {
        put("{\"mode\":\"read-only\",\"reason\":\"" + reason + "\"}");
    }

    public static void readWrite() {
        put("{\"mode\":\"read-write\"}");
    }

    private static void put(String body) {
        given().auth().oauth2(Tokens.admin()).contentType("application/json").body(body)
                .when().put("/api/admin/mode").then().log().ifValidationFails().statusCode(200);
    }
}
