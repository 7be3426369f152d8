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
 * The CareTeam a lookup shows for a plan, encoded as JSON once a day. It is a function of the plan, its register
 * entry and the day; the snapshot replaces a {@link ShownPlan} whenever its plan or entry changes, so the cache is
 * keyed by the instance (weak keys compare by identity and go with it) and an encoding made on another day is
 * made again. Its size is bounded ({@code cpis.lookup.encoded-cache-bytes}): past it, the least used go.
 */
@ApplicationScoped
public class EncodedCareTeams {
    private record Encoded(LocalDate day, String json) {
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
        Encoded cached = encoded.getIfPresent(shown);
        if (cached != null && cached.day().equals(day)) {
            return cached.json();
        }
        String json = fhir.newJsonParser()
                .encodeResourceToString(CareTeamMapper.toCareTeam(shown.plan(), shown.patient(), day));
        encoded.put(shown, new Encoded(day, json));
        return json;
    }
}
