package uk.nhs.cpis.notification.restriction;

/** A person a restriction's record names (requester, authoriser, responsible manager): id when known, name, job role. */
public record LaPerson(String userId, String name, String jobRole) {
}
