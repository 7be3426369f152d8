package uk.nhs.cpis.upload;

/**
 * A stored upload: queued with its request while it waits, complete with its batch-response, or failed
 * (nothing applied). {@code requestHash} identifies the content sent under {@code bundleKey}; null for
 * uploads without an identifier and for those stored before hashes were kept.
 */
record Acknowledgement(String id, String laCode, String laName, String bundleKey, String requestHash, Status status,
        int entryCount, String requestBody, String responseBody) {

    enum Status {
        QUEUED, COMPLETE, FAILED
    }

    Acknowledgement answered(String response) {
        return new Acknowledgement(id, laCode, laName, bundleKey, requestHash, Status.COMPLETE, entryCount, null,
                response);
    }
}
