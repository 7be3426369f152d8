package uk.nhs.cpis.fhir;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;

/**
 * Calendar dates to and from FHIR date types by their written value, never through java.util.Date,
 * whose time zone would move a birth date by a day.
 */
public final class FhirDates {
    private FhirDates() {
    }

    /** The calendar date as written (a dateTime's own date part), or null when absent or not a full date. */
    public static LocalDate toLocalDate(BaseDateTimeType value) {
        if (value == null || value.getValueAsString() == null
                || value.getPrecision().ordinal() < TemporalPrecisionEnum.DAY.ordinal()) {
            return null;
        }
        try {
            return LocalDate.parse(value.getValueAsString().substring(0, 10));
        } catch (DateTimeParseException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    public static DateType toDate(LocalDate date) {
        return date == null ? null : new DateType(date.toString());
    }

    public static DateTimeType toDateTime(LocalDate date) {
        return date == null ? null : new DateTimeType(date.toString());
    }
}
