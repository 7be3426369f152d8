package uk.nhs.cpis.batch;

/** What the 24-hour rule counts per: the same user viewing the same patient for the same organisation. */
public record AnchorKey(String nhsNumber, String userId, String orgCode) {
}
