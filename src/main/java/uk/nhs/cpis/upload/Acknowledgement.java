package uk.nhs.cpis.upload;

/**
 * A stored upload: queued with its request while it waits, complete with its batch-response, or failed
 * (nothing applied).
 */
record Acknowledgement(String id, String laCode, String laName, String bundleKey, Status status, int entryCount,
        String requestBody, String responseBody) {

    enum Status {
        QUEUED, COMPLETE, FAILED
    }
}
