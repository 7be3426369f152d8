package uk.nhs.cpis.upload;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.jboss.logging.Logger;

import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.LogRef;
import uk.nhs.cpis.fhir.OperationOutcomes;
import uk.nhs.cpis.plan.PlanRecord;

/** Upload results as the batch-response Bundle: one entry per input entry, in order. */
final class AcknowledgementMapper {
    private AcknowledgementMapper() {
    }

    static Bundle toBatchResponse(String id, List<EntryResult> results, Instant now) {
        Bundle response = new Bundle().setType(BundleType.BATCHRESPONSE);
        response.setId(id);
        response.getMeta().setLastUpdated(Date.from(now));
        response.setTimestamp(Date.from(now));
        response.addLink().setRelation("self").setUrl("Bundle/" + id);
        for (int i = 0; i < results.size(); i++) {
            EntryResult result = results.get(i);
            var answer = response.addEntry().getResponse().setStatus(statusLine(result.status()));
            if (result.succeeded()) {
                PlanRecord plan = result.plan();
                answer.setLocation(location(plan)).setEtag("W/\"" + plan.version() + "\"")
                        .setLastModified(Date.from(plan.updatedAt()));
            } else {
                answer.setOutcome(OperationOutcomes.ofAll(atEntry(i, result.violations())));
            }
        }
        return response;
    }

    static String location(PlanRecord plan) {
        return "CareTeam/" + plan.id() + "/_history/" + plan.version();
    }

    static String statusLine(int status) {
        return status + " " + switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 422 -> "Unprocessable Entity";
            default -> "";
        };
    }

    static void logSummary(Logger log, String laCode, String id, List<EntryResult> results) {
        int[] byOutcome = new int[EntryOutcome.values().length];
        for (EntryResult result : results) {
            byOutcome[EntryOutcome.of(result.status()).ordinal()]++;
        }
        LogRef.UPLOAD002.log(log, laCode, id, byOutcome[EntryOutcome.CREATED.ordinal()],
                byOutcome[EntryOutcome.REPLACED.ordinal()], byOutcome[EntryOutcome.WITHDRAWN.ordinal()],
                byOutcome[EntryOutcome.REFUSED.ordinal()]);
    }

    /** A resource-relative violation ("CareTeam.period.start") placed at its entry in the Bundle. */
    private static List<CpisException> atEntry(int index, List<CpisException> violations) {
        String resourcePath = "Bundle.entry[" + index + "].resource";
        return violations.stream().map(v -> new CpisException(v.code(), "Entry " + index + ": " + v.diagnostics(),
                v.expressions().stream().map(e -> e.startsWith("CareTeam") ? resourcePath + e.substring(8) : e)
                        .toArray(String[]::new)))
                .toList();
    }
}
