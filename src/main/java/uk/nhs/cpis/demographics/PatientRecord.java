package uk.nhs.cpis.demographics;

import java.time.LocalDate;

/** A patient in the demographics register. */
public record PatientRecord(
        String nhsNumber,
        String family,
        String given,
        String gender,
        LocalDate birthDate,
        String postcode,
        boolean active,
        String replacedBy,
        String motherNhsNumber) {

    public boolean superseded() {
        return !active && replacedBy != null;
    }
}
