package uk.nhs.cpis.mode;

/** Fired on an instance when it sees read-only mode end: work held back meanwhile can go on. */
public record WritesResumed() {
}
