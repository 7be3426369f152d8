package uk.nhs.cpis.upload;

import static org.hamcrest.Matchers.equalTo;

/** Lets tests in other packages upload through the shared helper. */
public final class UploadValidationTestAccess {
    private UploadValidationTestAccess() {
    }

    public static void uploadFirstStatus(String entry, String status) {
        UploadValidationTest.upload(entry).body("entry[0].response.status", equalTo(status));
    }
}
