package uk.nhs.cpis.demographics;

import java.util.List;

/**
 * Fired inside the transaction that stores patients, so that what follows from a registration
 * (birth and inactive-number notifications, plans' projected ends) commits or fails with it.
 */
public record PatientsRegistered(List<PatientRecord> patients) {
}
