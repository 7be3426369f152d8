package uk.nhs.cpis.notification.restriction;

/** The LA privacy officer making a change: their LA, user id and name, from the token. */
public record Officer(String laCode, String userId, String name) {
}
