package uk.nhs.cpis.demographics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "cpis.demographics")
public interface DemographicsConfig {
    /** Patients stored per transaction during a bulk load. */
    @WithDefault("1000")
    int loadChunkSize();

    /** Per-line errors listed in a bulk-load answer; the counts always cover every line. */
    @WithDefault("100")
    int maxReportedErrors();

    /** Longest NDJSON line accepted, in characters. */
    @WithDefault("65536")
    int maxLineLength();

    /** Patient search by clinicians ({@code GET /fhir/Patient}). */
    Search search();

    interface Search {
        /** Matches answered when the request gives no {@code _max-results}; more is an error, not a truncated list. */
        @WithDefault("10")
        int defaultMaxResults();

        /** The largest {@code _max-results} a request may ask for. */
        @WithDefault("50")
        int maxResults();

        /** Most edits (Levenshtein) between a fuzzy search's family name and a phonetically matching one. */
        @WithDefault("2")
        int fuzzyMaxEdits();

        /** Phonetic candidates examined by a fuzzy search; more means the search is too broad. */
        @WithDefault("1000")
        int fuzzyCandidates();
    }
}
