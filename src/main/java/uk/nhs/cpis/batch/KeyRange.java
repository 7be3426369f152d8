package uk.nhs.cpis.batch;

import java.time.Instant;

import uk.nhs.cpis.audit.AccessEvent;

/**
 * The access events a run works through in key order: those after the watermark up to {@code cutoff},
 * of which those up to {@code done} (null: none yet) in (patient, user, organisation, time, id) order
 * are processed. Kept beside the watermark, so that a run that dies is finished by the next.
 */
public record KeyRange(Watermark after, Instant cutoff, Position done) {

    /** An access event's place in the key order. */
    public record Position(String nhsNumber, String userId, String orgCode, Instant accessedAt, long accessEventId) {

        static Position of(AccessEvent event) {
            return new Position(event.nhsNumber(), event.userId(), event.orgCode(), event.accessedAt(), event.id());
        }
    }
}
