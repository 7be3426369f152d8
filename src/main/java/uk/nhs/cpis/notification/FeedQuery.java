package uk.nhs.cpis.notification;

/** The feed's optional filters; null means any. */
public record FeedQuery(Category category, String batchRunId, Boolean acknowledged) {
}
