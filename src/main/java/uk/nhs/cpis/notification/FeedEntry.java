package uk.nhs.cpis.notification;

/** A notification as the feed lists it: its place in the feed and whether its child is restricted. */
public record FeedEntry(long seq, NotificationRecord notification, boolean restricted) {
}
