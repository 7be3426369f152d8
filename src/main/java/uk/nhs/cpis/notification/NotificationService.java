package uk.nhs.cpis.notification;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Communication;
import org.jboss.logging.Logger;

import uk.nhs.cpis.batch.BatchRunRepository;
import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;
import uk.nhs.cpis.fhir.Fhir;
import uk.nhs.cpis.fhir.LogRef;
import uk.nhs.cpis.fhir.PageSize;
import uk.nhs.cpis.fhir.QueryParameters;
import uk.nhs.cpis.notification.restriction.LaRestrictionService;
import uk.nhs.cpis.notification.restriction.Viewer;

/** The LA feed: an LA's notifications, paged and filtered, as the viewer may see them; and acknowledging them. */
@ApplicationScoped
public class NotificationService {
    private static final Logger LOG = Logger.getLogger(NotificationService.class);
    static final String CATEGORY = "category";
    static final String BATCH = "batch";
    static final String ACKNOWLEDGED = "acknowledged";
    static final String COUNT = "_count";
    static final String CURSOR = "_cursor";
    private static final Set<String> PARAMETERS = Set.of(CATEGORY, BATCH, ACKNOWLEDGED, COUNT, CURSOR);

    /** What to acknowledge: listed notifications, or every notification of a batch run. */
    public sealed interface Acknowledge {
        record Listed(Set<String> ids) implements Acknowledge {
        }

        record Batch(String batchRunId) implements Acknowledge {
        }
    }

    @Inject
    NotificationRepository notifications;
    @Inject
    BatchRunRepository batchRuns;
    @Inject
    NotificationConfig config;
    @Inject
    LaRestrictionService laRestrictions;
    @Inject
    Clock clock;

    public Bundle search(Viewer viewer, UriInfo uri) {
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        QueryParameters.requireKnown(params.keySet(), PARAMETERS,
                "The notification feed takes category, batch, acknowledged, _count and the next link.");
        QueryParameters.requireEachOnce(params);
        FeedQuery query = new FeedQuery(category(params.getFirst(CATEGORY)), params.getFirst(BATCH),
                acknowledged(params.getFirst(ACKNOWLEDGED)));
        int count = PageSize.of(params.getFirst(COUNT), config.defaultPageSize(), config.maxPageSize());
        List<FeedEntry> page = notifications.page(viewer, query, cursor(params.getFirst(CURSOR)), count);

        Bundle bundle = new Bundle().setType(BundleType.SEARCHSET);
        bundle.setTotal((int) notifications.count(viewer, query));
        bundle.addLink().setRelation("self").setUrl(uri.getRequestUri().toString());
        if (page.size() == count) {
            bundle.addLink().setRelation("next").setUrl(uri.getRequestUriBuilder().replaceQueryParam(COUNT, count)
                    .replaceQueryParam(CURSOR, page.get(page.size() - 1).seq()).build().toString());
        }
        page.forEach(entry -> bundle.addEntry().setFullUrl(uri.getBaseUri() + "fhir/Communication/"
                + entry.notification().id()).setResource(toCommunication(entry))
                .getSearch().setMode(Bundle.SearchEntryMode.MATCH));
        return bundle;
    }

    public Communication read(Viewer viewer, String id) {
        return notifications.find(id, viewer).stream().findFirst().map(this::toCommunication)
                .orElseThrow(() -> notFound(id));
    }

    /** A restricted child's notification carries the restriction's note: only those who may see it read it. */
    private Communication toCommunication(FeedEntry entry) {
        Communication communication = NotificationMapper.toCommunication(entry);
        if (entry.restricted()) {
            NotificationRecord n = entry.notification();
            Stream.of(n.nhsNumber(), n.relatedNhsNumber()).filter(Objects::nonNull)
                    .map(child -> laRestrictions.inForceOn(n.laCode(), child)).flatMap(Optional::stream)
                    .forEach(restriction -> NotificationMapper.addRestrictionNote(communication, restriction));
        }
        return communication;
    }

    /**
     * Acknowledges all or nothing: an unknown notification, another LA's, or one hidden from the viewer
     * refuses the whole call, each with the same 404. Answers how many are acknowledged (those acknowledged
     * before included).
     */
    @Transactional
    public long acknowledge(Viewer viewer, Acknowledger by, Acknowledge what) {
        long acknowledged;
        int newly;
        if (what instanceof Acknowledge.Listed listed) {
            if (listed.ids().size() > config.maxAcknowledged()) {
                throw new CpisException(ErrorCode.PAYLOAD_TOO_LARGE, "At most " + config.maxAcknowledged()
                        + " notifications per call; acknowledge a whole batch with the batch parameter.");
            }
            // Another LA's notification, or one hidden by a restriction, is answered as unknown: a
            // different answer would tell the caller that another LA holds a plan for the child.
            Set<String> visible = notifications.visibleIds(listed.ids(), viewer);
            for (String id : listed.ids()) {
                if (!visible.contains(id)) {
                    throw notFound(id);
                }
            }
            acknowledged = listed.ids().size();
            newly = notifications.acknowledge(listed.ids(), clock.instant(), by);
        } else {
            String batchRunId = ((Acknowledge.Batch) what).batchRunId();
            if (batchRuns.find(batchRunId).isEmpty()) {
                throw new CpisException(ErrorCode.NOT_FOUND, "No batch run " + batchRunId + "; nothing was "
                        + "acknowledged.");
            }
            acknowledged = notifications.count(viewer, new FeedQuery(null, batchRunId, null));
            newly = notifications.acknowledgeBatch(viewer, batchRunId, clock.instant(), by);
        }
        LogRef.NOTIF002.log(LOG, viewer.laCode(), acknowledged, newly);
        return acknowledged;
    }

    private static CpisException notFound(String id) {
        return new CpisException(ErrorCode.NOT_FOUND, "No notification Communication/" + id
                + " for your local authority; nothing was acknowledged.");
    }

    private static Category category(String value) {
        if (value == null) {
            return null;
        }
        String code = value;
        int bar = value.indexOf('|');
        if (bar >= 0) {
            if (bar > 0 && !value.substring(0, bar).equals(Fhir.NOTIFICATION_CATEGORY_SYSTEM)) {
                throw new CpisException(ErrorCode.INVALID_PARAMETER, "category system must be "
                        + Fhir.NOTIFICATION_CATEGORY_SYSTEM + ".");
            }
            code = value.substring(bar + 1);
        }
        return Category.fromCode(code).orElseThrow(() -> new CpisException(ErrorCode.INVALID_PARAMETER,
                "category must be asn, birth-notification or inactive-nhs-number."));
    }

    private static Boolean acknowledged(String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new CpisException(ErrorCode.INVALID_PARAMETER, "acknowledged must be true or false.");
        };
    }

    private static long cursor(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new CpisException(ErrorCode.INVALID_PARAMETER, "_cursor is taken from a next link, unchanged.");
        }
    }
}
