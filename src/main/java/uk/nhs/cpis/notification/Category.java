package uk.nhs.cpis.notification;

import java.util.Arrays;
import java.util.Optional;

/** Notification categories: the codes of {@code fhir-profiles/CodeSystem-cpis-notification-category.json}. */
public enum Category {
    ASN("asn", "Access to Service Notification"),
    BIRTH("birth-notification", "Birth notification"),
    INACTIVE_NHS_NUMBER("inactive-nhs-number", "Inactive NHS number");

    private final String code;
    private final String display;

    Category(String code, String display) {
        this.code = code;
        this.display = display;
    }

    public String code() {
        return code;
    }

    public String display() {
        return display;
    }

    public static Optional<Category> fromCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }
}
