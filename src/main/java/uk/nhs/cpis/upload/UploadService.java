package uk.nhs.cpis.upload;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.commons.codec.digest.DigestUtils;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CareTeam;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import uk.nhs.cpis.db.Jdbc;
import uk.nhs.cpis.db.StoredText;
import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.fhir.LogRef;
import uk.nhs.cpis.fhir.UnreadableEntries;
import uk.nhs.cpis.fhir.Violations;
import uk.nhs.cpis.mode.ModeConfig;
import uk.nhs.cpis.mode.ModeService;
import uk.nhs.cpis.mode.WritesResumed;
import uk.nhs.cpis.plan.DisplayWindow;
import uk.nhs.cpis.plan.PlanKey;

/**
 * LA uploads: batch Bundles (answered at once, or queued when large), single conditional PUT and
 * DELETE, and the stored acknowledgements that make a resend harmless.
 */
@ApplicationScoped
public class UploadService {
    private static final Logger LOG = Logger.getLogger(UploadService.class);
    // Width of upload_acknowledgement.bundle_key (V1 migration).
    private static final int BUNDLE_KEY_WIDTH = 600;

    /** The answer to a Bundle: its acknowledgement now, or the id to poll for it later. */
    public record Submission(String acknowledgementId, Bundle acknowledgement) {
        public boolean accepted() {
            return acknowledgement == null;
        }
    }

    @Inject
    PlanWriter writer;
    @Inject
    AcknowledgementRepository acknowledgements;
    @Inject
    DisplayWindow window;
    @Inject
    Clock clock;
    @Inject
    FhirContext fhirContext;
    @Inject
    UploadConfig config;
    @Inject
    ModeService modes;
    @Inject
    Event<UploadMetrics.EntriesApplied> applied;
    @Inject
    ModeConfig modeConfig;

    // One worker: queued uploads are applied in the order received, never two at once.
    // A queued upload that meets a passing failure (a lock, a deadlock, a lost connection) is tried again
    // after 1, 2, 4 and 8 seconds before it is marked failed.
    private static final int QUEUED_ATTEMPTS = 5;
    private final ScheduledExecutorService queue = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "cpis-upload-queue"));
    private volatile boolean stopping;

    public Submission submit(Uploader la, Bundle bundle, boolean respondAsync) {
        if (bundle.getType() != Bundle.BundleType.BATCH) {
            throw new CpisException(ErrorCode.INVALID_REQUEST, "Bundle.type must be 'batch'.", "Bundle.type");
        }
        int entries = bundle.getEntry().size();
        boolean queued = entries > config.maxEntries();
        if (entries > config.maxAsyncEntries() || (queued && !respondAsync)) {
            throw new CpisException(ErrorCode.PAYLOAD_TOO_LARGE, "The Bundle has " + entries + " entries. At most "
                    + config.maxEntries() + " are answered at once; send up to " + config.maxAsyncEntries()
                    + " with the header 'Prefer: respond-async', or split the Bundle.", "Bundle.entry");
        }
        String bundleKey = bundleKey(bundle);
        LogRef.UPLOAD001.log(LOG, la.laCode(), entries, queued);
        // Encoded before anything reads the entries (reading can add empty elements): the request a queued
        // upload keeps, and the canonical content a resend under the same identifier is compared by.
        String request = queued || bundleKey != null ? fhirContext.newJsonParser().encodeResourceToString(bundle) : null;
        String hash = bundleKey == null ? null : DigestUtils.sha256Hex(request);
        if (bundleKey != null) {
            Optional<Submission> previous = previousAnswer(la, bundleKey, hash);
            if (previous.isPresent()) {
                return previous.get();
            }
        }
        String id = UUID.randomUUID().toString();
        try {
            if (queued) {
                QuarkusTransaction.requiringNew().run(() -> acknowledgements.insert(new Acknowledgement(id,
                        la.laCode(), la.laName(), bundleKey, hash, Acknowledgement.Status.QUEUED, entries, request,
                        null), clock.instant()));
                queue.submit(() -> applyQueued(id, 1));
                return new Submission(id, null);
            }
            Acknowledgement pending = new Acknowledgement(id, la.laCode(), la.laName(), bundleKey, hash,
                    Acknowledgement.Status.COMPLETE, entries, null, null);
            return new Submission(id, inTransaction(() -> applyAndAcknowledge(pending, bundle)));
        } catch (RuntimeException e) {
            // The same Bundle sent twice at once: the first to commit wins, the other answers with its result.
            if (bundleKey != null && Jdbc.isUniqueViolation(e)) {
                return previousAnswer(la, bundleKey, hash).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    /**
     * A stored acknowledgement, for the LA that sent it: empty while its upload is still queued, refused
     * with UPLOAD_FAILED once it failed.
     */
    public Optional<Bundle> acknowledgement(String laCode, String id) {
        // Another LA's acknowledgement is answered as unknown: a 403 would tell that the id exists.
        Acknowledgement ack = acknowledgements.find(id).filter(found -> found.laCode().equals(laCode))
                .orElseThrow(() -> new CpisException(ErrorCode.NOT_FOUND, "No acknowledgement " + id + "."));
        return Optional.ofNullable(answerOf(ack));
    }

    /** A single conditional PUT or DELETE on /fhir/CareTeam: the stored plan, or the refusal. */
    public EntryResult applySingle(Uploader la, PlanKey key, Optional<CareTeam> careTeam) {
        PlanCommand command = careTeam.<PlanCommand>map(c -> new PlanCommand.Put(key, c))
                .orElseGet(() -> new PlanCommand.Withdraw(key));
        EntryResult result = inTransaction(() -> {
            List<EntryResult> results = writer.apply(la, List.of(command), Collections.singletonList(null),
                    window.today(), clock.instant());
            applied.fire(new UploadMetrics.EntriesApplied(results));
            return results.get(0);
        });
        if (!result.succeeded()) {
            throw new Violations(result.violations());
        }
        return result;
    }

    void resumeQueued(@Observes StartupEvent event) {
        resumeQueued();
    }

    /** Queued uploads held back while the service was read-only are applied now, in the order received. */
    void resumeQueued(@Observes WritesResumed event) {
        resumeQueued();
    }

    private void resumeQueued() {
        if (modes.readOnly()) {
            return;
        }
        for (String id : acknowledgements.queuedIds()) {
            LogRef.UPLOAD004.log(LOG, id);
            queue.submit(() -> applyQueued(id, 1));
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        queue.shutdownNow();
    }

    /**
     * Applies a queued upload. Bad entries are answered in the acknowledgement, so an upload that still
     * fails would fail the same way at every attempt: it is marked failed, for its status URL to say so,
     * rather than left queued. A passing failure is tried again first, and one caused by this instance
     * stopping leaves the upload queued for the next start of any instance.
     */
    private void applyQueued(String id, int attempt) {
        MDC.put("requestId", "upload-" + id);
        try {
            if (modes.readOnly()) {
                // Left queued, never failed by the mode: taken up again when the mode ends.
                LogRef.UPLOAD006.log(LOG, id);
                return;
            }
            inTransaction(() -> {
                if (!acknowledgements.claimQueued(id)) {
                    return null;
                }
                Acknowledgement ack = acknowledgements.find(id).orElseThrow();
                return applyAndAcknowledge(ack, parse(ack.requestBody()));
            });
        } catch (RuntimeException e) {
            if (Jdbc.isReadOnlyRefusal(e) && !stopping) {
                // The database refuses writes (a standby, maintenance): left queued and tried again, never failed.
                LogRef.UPLOAD006.log(LOG, id);
                queue.schedule(() -> applyQueued(id, attempt), modeConfig.refreshInterval().toMillis(),
                        TimeUnit.MILLISECONDS);
                return;
            }
            LogRef.UPLOAD005.log(LOG, id, e.getClass().getName());
            if (stopping || Thread.currentThread().isInterrupted()) {
                return;
            }
            if (Jdbc.isTransient(e) && attempt < QUEUED_ATTEMPTS) {
                queue.schedule(() -> applyQueued(id, attempt + 1), 1L << (attempt - 1), TimeUnit.SECONDS);
                return;
            }
            markFailed(id);
        } finally {
            MDC.remove("requestId");
        }
    }

    private void markFailed(String id) {
        try {
            QuarkusTransaction.requiringNew().run(() -> acknowledgements.fail(id, clock.instant()));
        } catch (RuntimeException e) {
            // The database itself is failing: left queued, the next start of any instance takes it up again.
            LogRef.UPLOAD005.log(LOG, id, e.getClass().getName());
        }
    }

    /**
     * Runs a unit in its own transaction, and once more if it lost a race to insert a plan (uq_care_plan_key):
     * two first uploads of one plan both read "no plan" and both insert. The second run sees the winner's
     * plan and replaces it, as the later of two uploads does.
     */
    private <T> T inTransaction(Callable<T> unit) {
        try {
            return QuarkusTransaction.requiringNew().call(unit);
        } catch (RuntimeException e) {
            if (!Jdbc.isUniqueViolation(e)) {
                throw e;
            }
            return QuarkusTransaction.requiringNew().call(unit);
        }
    }

    /** Applies the entries and stores the acknowledgement in the caller's transaction. */
    private Bundle applyAndAcknowledge(Acknowledgement ack, Bundle bundle) {
        Instant now = clock.instant();
        Uploader la = new Uploader(ack.laCode(), ack.laName());
        List<BundleEntryComponent> entries = bundle.getEntry();
        List<PlanCommand> commands = new ArrayList<>(entries.size());
        List<EntryResult> results = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            try {
                commands.add(command(entries.get(i), i));
                results.add(null);
            } catch (CpisException e) {
                commands.add(null);
                results.add(EntryResult.refused(List.of(e)));
            }
        }
        results = writer.apply(la, commands, results, window.today(), now);
        applied.fire(new UploadMetrics.EntriesApplied(results));
        Bundle response = AcknowledgementMapper.toBatchResponse(ack.id(), results, now);
        String responseBody = fhirContext.newJsonParser().encodeResourceToString(response);
        if (ack.status() == Acknowledgement.Status.QUEUED) {
            acknowledgements.complete(ack.id(), responseBody, now);
        } else {
            acknowledgements.insert(ack.answered(responseBody), now);
        }
        AcknowledgementMapper.logSummary(LOG, la.laCode(), ack.id(), results);
        return response;
    }

    /** One entry as a command. Diagnostics leave out the entry: the acknowledgement names it once for all. */
    private static PlanCommand command(BundleEntryComponent entry, int index) {
        String at = "Bundle.entry[" + index + "]";
        Optional<UnreadableEntries.Unreadable> unreadable = UnreadableEntries.problem(entry);
        if (unreadable.isPresent()) {
            throw new CpisException(ErrorCode.MALFORMED_CONTENT, unreadable.get().diagnostics(),
                    unreadable.get().location(at));
        }
        if (!entry.hasRequest() || entry.getRequest().getMethod() == null) {
            throw new CpisException(ErrorCode.INVALID_REQUEST, "request.method and request.url are required.",
                    at + ".request");
        }
        PlanKey key = ConditionalUrl.parse(entry.getRequest().getUrl(), at + ".request.url");
        HTTPVerb method = entry.getRequest().getMethod();
        if (method == HTTPVerb.PUT) {
            if (!(entry.getResource() instanceof CareTeam careTeam)) {
                throw new CpisException(ErrorCode.INVALID_RESOURCE, "the resource must be a CareTeam.",
                        at + ".resource");
            }
            return new PlanCommand.Put(key, careTeam);
        }
        if (method == HTTPVerb.DELETE) {
            return new PlanCommand.Withdraw(key);
        }
        throw new CpisException(ErrorCode.METHOD_NOT_ALLOWED, "only PUT and DELETE are supported.",
                at + ".request.method");
    }

    /**
     * The stored answer to an earlier upload under this identifier. Different content under it is refused:
     * answering the earlier acknowledgement would tell the LA its new entries were handled when none was.
     */
    private Optional<Submission> previousAnswer(Uploader la, String bundleKey, String hash) {
        return acknowledgements.findByBundle(la.laCode(), bundleKey).map(ack -> {
            // Uploads stored before hashes were kept have none: a resend answers as before.
            if (ack.requestHash() != null && !ack.requestHash().equals(hash)) {
                throw new CpisException(ErrorCode.BUNDLE_IDENTIFIER_REUSED, "This LA already sent a Bundle with "
                        + "this identifier and different content (acknowledgement " + ack.id() + "). Nothing of "
                        + "this Bundle was applied: send new content with a new identifier; a resend of an upload "
                        + "must be identical.", "Bundle.identifier");
            }
            LogRef.UPLOAD003.log(LOG, la.laCode(), ack.id());
            return new Submission(ack.id(), answerOf(ack));
        });
    }

    /** The acknowledgement; null while queued; a refusal saying so for an upload that failed. */
    private Bundle answerOf(Acknowledgement ack) {
        return switch (ack.status()) {
            case COMPLETE -> parse(ack.responseBody());
            case QUEUED -> null;
            case FAILED -> throw new CpisException(ErrorCode.UPLOAD_FAILED, "Upload " + ack.id() + " could not be "
                    + "applied and nothing of it was: no plan was created, changed or withdrawn. Send it again "
                    + "with a new Bundle.identifier.");
        };
    }

    private static String bundleKey(Bundle bundle) {
        if (!bundle.getIdentifier().hasValue()) {
            return null;
        }
        String key = bundle.getIdentifier().getSystem() + "|" + bundle.getIdentifier().getValue();
        String problem = StoredText.problem(key, BUNDLE_KEY_WIDTH);
        if (problem != null) {
            throw new CpisException(ErrorCode.INVALID_REQUEST, "Bundle.identifier (its system, '|' and value "
                    + "together) " + problem + ".", "Bundle.identifier");
        }
        return key;
    }

    private Bundle parse(String json) {
        return fhirContext.newJsonParser().parseResource(Bundle.class, json);
    }
}
