package uk.nhs.cpis.upload;

/** What an upload entry came to, by the status of its answer: what an LA counts in its upload list. */
enum EntryOutcome {
    CREATED, REPLACED, WITHDRAWN, REFUSED;

    static EntryOutcome of(int status) {
        return switch (status) {
            case 201 -> CREATED;
            case 200 -> REPLACED;
            case 204 -> WITHDRAWN;
            default -> REFUSED;
        };
    }
}
