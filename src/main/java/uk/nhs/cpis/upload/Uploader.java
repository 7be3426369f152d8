package uk.nhs.cpis.upload;

/** The LA an upload comes from, as its token says. */
public record Uploader(String laCode, String laName) {
}
