package uk.nhs.cpis.mode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.fhir.LogRef;

/**
 * The service mode this instance follows: read from the database at start and every
 * {@link ModeConfig#refreshInterval()}, so every replica follows a switch within that interval, and set at
 * once on the instance that was asked. Checking it costs no database access: the write guard runs on every request.
 */
@ApplicationScoped
public class ModeService {
    private static final Logger LOG = Logger.getLogger(ModeService.class);

    @Inject
    ModeRepository repository;
    @Inject
    ModeConfig config;
    @Inject
    Clock clock;
    @Inject
    Event<WritesResumed> resumed;

    private volatile ServiceMode current;

    @Inject
    void gauge(MeterRegistry registry) {
        registry.gauge("cpis.read.only.mode", this, modes -> modes.current == null ? 0 : modes.current.readOnly() ? 1 : 0);
    }

    void onStart(@Observes StartupEvent started) {
        refresh();
    }

    /** Reads the mode from the database; a failed read keeps the last one known (the next refresh tries again). */
    @Scheduled(every = "{cpis.mode.refresh-interval}", identity = "service-mode-refresh",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public synchronized void refresh() {
        try {
            follow(repository.read());
        } catch (RuntimeException e) {
            LogRef.MODE003.log(LOG, e.getClass().getName());
            if (current == null) {
                throw e;
            }
        }
    }

    public ServiceMode current() {
        if (current == null) {
            refresh();
        }
        return current;
    }

    public boolean readOnly() {
        return current().readOnly();
    }

    /** Switches the mode for every instance: stored first, then followed here at once. */
    public synchronized ServiceMode switchTo(boolean readOnly, String reason, Instant until, String changedBy) {
        Instant now = clock.instant();
        if (until != null && !until.isAfter(now)) {
            throw new CpisException(ErrorCode.INVALID_REQUEST, "until must be in the future: it is when the mode "
                    + "is expected to end, and sets Retry-After.", "until");
        }
        ServiceMode mode = readOnly ? new ServiceMode(true, reason, until, now, changedBy)
                : new ServiceMode(false, null, null, now, changedBy);
        QuarkusTransaction.requiringNew().run(() -> repository.write(mode));
        LogRef.MODE001.log(LOG, mode.name(), mode.until());
        follow(mode);
        return mode;
    }

    /** Refuses a write while read-only, with the reason and when to try again. */
    public void requireWritable() {
        ServiceMode mode = current();
        if (mode.readOnly()) {
            throw new CpisException(ErrorCode.READ_ONLY_MODE, "The service is read-only"
                    + (mode.reason() == null ? "" : ": " + mode.reason()) + ". Nothing of this request was applied; "
                    + "lookups, searches and the feed keep answering. Try again "
                    + (mode.until() == null ? "later." : "after " + mode.until() + "."), retryAfter(mode));
        }
    }

    /** The answer to a write the database itself refused (a standby, or default_transaction_read_only). */
    public CpisException databaseRefusal() {
        return new CpisException(ErrorCode.READ_ONLY_MODE, "The database is not accepting writes (a standby, or "
                + "set read-only for maintenance), so the service is read-only for now. This request was not applied "
                + "(a register load keeps the chunks stored before the refusal; loading again is harmless). "
                + "Try again later.", config.retryAfter());
    }

    private Duration retryAfter(ServiceMode mode) {
        Instant now = clock.instant();
        return mode.until() != null && mode.until().isAfter(now) ? Duration.between(now, mode.until())
                : config.retryAfter();
    }

    // Callers hold the lock: a refresh that read the row just before a switch cannot undo it afterwards.
    private void follow(ServiceMode mode) {
        ServiceMode before = current;
        current = mode;
        if (before != null && before.readOnly() != mode.readOnly()) {
            LogRef.MODE002.log(LOG, mode.name());
            if (!mode.readOnly()) {
                resumed.fire(new WritesResumed());
            }
        }
    }
}
