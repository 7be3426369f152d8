package uk.nhs.cpis.upload;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.CareTeam;

import uk.nhs.cpis.demographics.PatientRecord;
import uk.nhs.cpis.demographics.PatientRepository;
import uk.nhs.cpis.fhir.PageSize;
import uk.nhs.cpis.fhir.QueryParameters;
import uk.nhs.cpis.plan.CareTeamMapper;
import uk.nhs.cpis.plan.DisplayWindow;
import uk.nhs.cpis.plan.PlanRecord;
import uk.nhs.cpis.plan.PlanRepository;

/** An LA's own plans, paged by a cursor on the plan id. */
@ApplicationScoped
public class PlanListService {
    static final String COUNT = "_count";
    static final String CURSOR = "_cursor";
    private static final Set<String> PARAMETERS = Set.of(COUNT, CURSOR);

    @Inject
    PlanRepository plans;
    @Inject
    PatientRepository patients;
    @Inject
    DisplayWindow window;
    @Inject
    UploadConfig config;

    public Bundle page(String laCode, UriInfo uri) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        QueryParameters.requireKnown(query.keySet(), PARAMETERS, "An LA's plan list takes _count and the next link.");
        int count = PageSize.of(query.getFirst(COUNT), config.defaultPageSize(), config.maxPageSize());
        List<PlanRecord> page = plans.pageForLa(laCode, query.getFirst(CURSOR), count);
        Map<String, PatientRecord> registered = patients.findAll(page.stream().map(PlanRecord::nhsNumber).toList());
        Bundle bundle = new Bundle().setType(BundleType.SEARCHSET);
        bundle.setTotal((int) plans.countForLa(laCode));
        bundle.addLink().setRelation("self").setUrl(uri.getRequestUri().toString());
        if (page.size() == count) {
            bundle.addLink().setRelation("next").setUrl(uri.getRequestUriBuilder().replaceQueryParam(COUNT, count)
                    .replaceQueryParam(CURSOR, page.get(page.size() - 1).id()).build().toString());
        }
        page.forEach(plan -> bundle.addEntry().setFullUrl(uri.getBaseUri() + "fhir/CareTeam/" + plan.id())
                .setResource(CareTeamMapper.toCareTeam(plan, registered.get(plan.nhsNumber()), window.today()))
                .getSearch().setMode(Bundle.SearchEntryMode.MATCH));
        return bundle;
    }

    CareTeam read(PlanRecord plan) {
        return CareTeamMapper.toCareTeam(plan, patients.find(plan.nhsNumber()).orElse(null), window.today());
    }
}
