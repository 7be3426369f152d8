package uk.nhs.cpis.upload;

import java.time.Instant;
import java.util.Map;

/**
 * One of an LA's recent uploads as its list shows it (on the wire as JSON): when it came, how far it got,
 * and its entries counted by outcome ({@code outcomes} empty while queued or when it failed whole).
 */
public record UploadSummary(String id, String identifier, String status, int entries, Instant receivedAt,
        Instant completedAt, Map<String, Integer> outcomes) {
}
