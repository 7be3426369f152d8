package uk.nhs.cpis.batch;

import java.time.Instant;

/** The position of the last processed access event in the batch's (accessed_at, id) order. */
public record Watermark(Instant accessedAt, long accessEventId) {
}
