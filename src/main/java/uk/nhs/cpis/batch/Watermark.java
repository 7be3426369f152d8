package uk.nhs.cpis.batch;

import java.time.Instant;

import uk.nhs.cpis.audit.AccessEvent;

/** The position of the last processed access event in the batch's (accessed_at, id) order. */
public record Watermark(Instant accessedAt, long accessEventId) {

    static Watermark of(AccessEvent event) {
        return new Watermark(event.accessedAt(), event.id());
    }
}
