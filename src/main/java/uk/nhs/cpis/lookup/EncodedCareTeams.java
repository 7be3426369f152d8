package uk.nhs.cpis.lookup;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import ca.uhn.fhir.context.FhirContext;
import uk.nhs.cpis.lookup.LookupRepository.ShownPlan;
import uk.nhs.cpis.plan.CareTeamMapper;

/**
 * The CareTeam a lookup shows for a plan, encoded as JSON once. It is a function of the plan, its register entry
 * and the day; the snapshot replaces a {@link ShownPlan} whenever its plan or entry changes, so the cache is keyed
 * by the instance (weak keys compare by identity and go with it). The day changes only the status, once: a plan
 * is active until its effective end and inactive after it, so an encoding stays good until that day. The cache is
 * bounded ({@code cpis.lookup.encoded-cache-bytes}): past it, the least used go.
 */
@ApplicationScoped
public class EncodedCareTeams {
    private record Encoded(boolean ended, String json) {
    }

    private final FhirContext fhir;
    private final Cache<ShownPlan, Encoded> encoded;

    @Inject
    public EncodedCareTeams(FhirContext fhir, LookupConfig config) {
        this.fhir = fhir;
        this.encoded = Caffeine.newBuilder().weakKeys().maximumWeight(config.encodedCacheBytes())
                .<ShownPlan, Encoded>weigher((shown, value) -> value.json().length()).build();
    }

    String json(ShownPlan shown, LocalDate day) {
        boolean ended = CareTeamMapper.hasEnded(shown.plan(), day);
        Encoded cached = encoded.getIfPresent(shown);
        if (cached != null && cached.ended() == ended) {
            return cached.json();
        }
        String json = fhir.newJsonParser()
                .encodeResourceToString(CareTeamMapper.toCareTeam(shown.plan(), shown.patient(), day));
        encoded.put(shown, new Encoded(ended, json));
        return json;
    }
}
