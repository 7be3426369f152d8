package uk.nhs.cpis.batch;

import uk.nhs.cpis.audit.AccessEvent;

/** What the 24-hour rule counts per: the same user viewing the same patient for the same organisation. */
public record AnchorKey(String nhsNumber, String userId, String orgCode) {

    static AnchorKey of(AccessEvent event) {
        return new AnchorKey(event.nhsNumber(), event.userId(), event.orgCode());
    }
}
