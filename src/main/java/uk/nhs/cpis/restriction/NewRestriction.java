package uk.nhs.cpis.restriction;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonAnySetter;

/** The body of {@code POST /api/restrictions}. */
public record NewRestriction(
        @NotBlank String nhsNumber,
        @NotBlank @Size(max = 64) String userId,
        @NotBlank @Size(max = 2000) String reason) {

    /** Refuses unknown fields (400), whatever the application-wide mapper does: a misspelt field must not pass unseen. */
    @JsonAnySetter
    void refuseUnknown(String name, Object value) {
        throw new IllegalArgumentException("Unknown field: " + name);
    }
}
