package uk.nhs.cpis.dev;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.hl7.fhir.r4.model.Bundle;
import org.jboss.logging.Logger;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import uk.nhs.cpis.demographics.DemographicsService;
import uk.nhs.cpis.staff.StaffService;
import uk.nhs.cpis.fhir.LogRef;
import uk.nhs.cpis.upload.UploadService;
import uk.nhs.cpis.upload.Uploader;

/**
 * Loads the storyboard people and their plans from sample-data/ when the dev service starts: first
 * sample-data/history/, then sample-data/ itself, each its register file then its uploads. Built into dev
 * mode only; replaying is harmless (upserts, Bundle identifiers answered once, notifications made once).
 */
@IfBuildProfile("dev")
public class SampleDataLoader {
    private static final Logger LOG = Logger.getLogger(SampleDataLoader.class);
    /**
     * What happened before the register's present state, loaded first: Sam's plan under his old number,
     * which the top-level register then supersedes, making the inactive-NHS-number notification.
     */
    private static final String HISTORY = "history";

    @Inject
    DemographicsService demographics;
    @Inject
    StaffService staff;
    @Inject
    UploadService uploads;
    @Inject
    FhirContext fhirContext;
    @Inject
    SampleDataConfig config;

    void load(@Observes StartupEvent event) throws IOException {
        if (!config.load()) {
            return;
        }
        Path directory = Path.of(config.directory());
        Path history = directory.resolve(HISTORY);
        if (Files.isDirectory(history)) {
            loadStep(history);
        }
        loadStep(directory);
        // The staff register has no history: who works where now.
        try (InputStream roles = Files.newInputStream(directory.resolve("staff.ndjson"))) {
            staff.load(roles);
        }
    }

    /** The register file of one step, then its upload Bundles in file-name order. */
    private void loadStep(Path directory) throws IOException {
        long patientsStored;
        try (InputStream patients = Files.newInputStream(directory.resolve("patients.ndjson"))) {
            patientsStored = demographics.load(patients).stored();
        }
        List<Path> bundles;
        try (Stream<Path> files = Files.list(directory)) {
            bundles = files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : bundles) {
            Bundle bundle = fhirContext.newJsonParser().parseResource(Bundle.class, Files.readString(file));
            var organisation = bundle.getEntryFirstRep().getResource() instanceof org.hl7.fhir.r4.model.CareTeam ct
                    ? ct.getManagingOrganizationFirstRep() : null;
            if (organisation == null) {
                throw new UncheckedIOException(new IOException("sample bundle without a CareTeam: " + file));
            }
            uploads.submit(new Uploader(organisation.getIdentifier().getValue(), organisation.getDisplay()), bundle, false);
        }
        LogRef.SAMPLE001.log(LOG, patientsStored, bundles.size());
    }
}
