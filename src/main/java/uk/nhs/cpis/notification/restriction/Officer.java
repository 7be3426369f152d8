package uk.nhs.cpis.notification.restriction;

/** The LA user making a change (privacy officer, or Head of Safeguarding reviewing): LA, user id, name, job role. */
public record Officer(String laCode, String userId, String name, String jobRole) {
}
