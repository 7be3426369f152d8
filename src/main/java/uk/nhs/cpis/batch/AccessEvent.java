package uk.nhs.cpis.batch;

import java.time.Instant;

/** A recorded B0107 view of a patient's CP information, as the batch reads it. */
public record AccessEvent(
        long id,
        Instant accessedAt,
        String nhsNumber,
        String userId,
        String userName,
        String jobRole,
        String orgCode,
        String orgName) {

    public AnchorKey key() {
        return new AnchorKey(nhsNumber, userId, orgCode);
    }

    public Watermark position() {
        return new Watermark(accessedAt, id);
    }
}
