package uk.nhs.cpis.batch;

import java.time.Instant;

import uk.nhs.cpis.audit.AccessEvent;

/** An access event with its key's anchor as stored before this chunk (null: none), read in the same query. */
public record ChunkEvent(AccessEvent event, Instant storedAnchor) {
}
