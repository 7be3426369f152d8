package uk.nhs.cpis.batch;

import java.time.Instant;

/**
 * The last access event processed in (accessed_at, id) order: every event up to it is processed. A run
 * works through the events after it in key order ({@link KeyRange}) and moves it when all are done.
 */
public record Watermark(Instant accessedAt, long accessEventId) {
}
