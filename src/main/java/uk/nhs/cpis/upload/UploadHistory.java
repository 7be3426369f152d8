package uk.nhs.cpis.upload;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An LA's recent uploads, newest first, with their entries counted by outcome: what an LA's staff check
 * after a night's upload without knowing each acknowledgement id.
 */
@ApplicationScoped
public class UploadHistory {
    @Inject
    AcknowledgementRepository acknowledgements;
    @Inject
    UploadConfig config;
    @Inject
    ObjectMapper json;

    public List<UploadSummary> recent(String laCode) {
        return acknowledgements.recent(laCode, config.listLimit()).stream()
                .map(row -> new UploadSummary(row.id(), row.identifier(), row.status().name().toLowerCase(Locale.ROOT),
                        row.entries(), row.receivedAt(), row.completedAt(), outcomes(row.responseBody())))
                .toList();
    }

    /** Counts the entries of a stored batch-response by the status each was answered with. */
    private Map<String, Integer> outcomes(String responseBody) {
        if (responseBody == null) {
            return Map.of();
        }
        Map<EntryOutcome, Integer> counts = new EnumMap<>(EntryOutcome.class);
        for (EntryOutcome outcome : EntryOutcome.values()) {
            counts.put(outcome, 0);
        }
        for (JsonNode entry : read(responseBody).path("entry")) {
            String statusLine = entry.path("response").path("status").asText("");
            int space = statusLine.indexOf(' ');
            int status = Integer.parseInt(space < 0 ? statusLine : statusLine.substring(0, space));
            counts.merge(EntryOutcome.of(status), 1, Integer::sum);
        }
        Map<String, Integer> named = new LinkedHashMap<>();
        counts.forEach((outcome, count) -> named.put(outcome.name().toLowerCase(Locale.ROOT), count));
        return named;
    }

    private JsonNode read(String storedResponse) {
        try {
            return json.readTree(storedResponse);
        } catch (JsonProcessingException e) {
            // The service wrote it itself: unreadable means the row was damaged, not bad input.
            throw new IllegalStateException("A stored acknowledgement is not JSON", e);
        }
    }
}
