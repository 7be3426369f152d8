package uk.nhs.cpis.notification;

/** Who acknowledged a notification, from their token: user id, name and job role (spec section 8). */
public record Acknowledger(String userId, String name, String jobRole) {
}
