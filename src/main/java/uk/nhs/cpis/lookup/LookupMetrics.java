package uk.nhs.cpis.lookup;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.fhir.Violations;

/**
 * {@code cpis_lookup_requests_seconds}: each clinical lookup and patient search, by kind and outcome, as a
 * histogram (the p99 alert reads its buckets). Tags are fixed words: never a number, a name or a user id.
 */
@ApplicationScoped
public class LookupMetrics {
    /** What was looked up: one tag value each. */
    public enum Kind {
        FLAG, CARETEAM, AUDITEVENT, PATIENT_SEARCH;

        String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    @Inject
    MeterRegistry registry;

    /** Runs the lookup and records how long it took and how it ended, whatever the ending. */
    public <T> T timed(Kind kind, Supplier<T> lookup) {
        long started = System.nanoTime();
        String outcome = "error";
        try {
            T answer = lookup.get();
            outcome = "answered";
            return answer;
        } catch (CpisException e) {
            outcome = outcome(e.code());
            throw e;
        } catch (Violations e) {
            outcome = "refused";
            throw e;
        } finally {
            timer(kind, outcome).record(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static String outcome(ErrorCode code) {
        if (code == ErrorCode.ACCESS_RESTRICTED) {
            return "restricted";
        }
        return code.status() == 503 ? "unavailable" : code.status() < 500 ? "refused" : "error";
    }

    private Timer timer(Kind kind, String outcome) {
        return Timer.builder("cpis.lookup.requests").description("Clinical lookups and patient searches")
                .tag("kind", kind.tag()).tag("outcome", outcome)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    }
}
