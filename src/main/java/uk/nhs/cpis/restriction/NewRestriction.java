package uk.nhs.cpis.restriction;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/restrictions}. */
public record NewRestriction(
        @NotBlank String nhsNumber,
        @NotBlank @Size(max = 64) String userId,
        @NotBlank @Size(max = 2000) String reason) {
}
