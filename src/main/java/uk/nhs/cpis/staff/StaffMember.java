package uk.nhs.cpis.staff;

/** One PractitionerRole of the staff register: a user working (or no longer, {@code active} false) at an organisation. */
public record StaffMember(String userId, String orgCode, String name, String jobRole, boolean active) {
}
