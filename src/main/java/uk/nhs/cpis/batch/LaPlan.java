package uk.nhs.cpis.batch;

import java.time.LocalDate;

/** What the batch needs of a current plan: whose it is and the days it shows. */
public record LaPlan(String laCode, String laName, LocalDate start, LocalDate lastDisplayDay) {
}
