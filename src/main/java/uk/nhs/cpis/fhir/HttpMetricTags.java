package uk.nhs.cpis.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Keeps request paths out of the HTTP metrics where Quarkus has no route template for them. A request
 * that matches no method (405, such as a FHIR read {@code GET /fhir/Patient/{nhsNumber}} this API does
 * not offer) is tagged with its raw path: an NHS number in /q/metrics, which monitoring scrapes and
 * keeps, and one meter per distinct path until the tag limit drops the real routes' meters. Those
 * get one tag value; any other path holding ten digits in a row has them masked.
 */
@Singleton
public class HttpMetricTags {
    static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    private static final String REQUESTS = "http.server.requests";
    private static final String URI = "uri";
    private static final Pattern NHS_NUMBER_LIKE = Pattern.compile("[0-9]{10,}");

    @Produces
    @Singleton
    MeterFilter pathsOutOfRequestMetrics() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String uri = id.getTag(URI);
                if (!REQUESTS.equals(id.getName()) || uri == null) {
                    return id;
                }
                String safe = "405".equals(id.getTag("status")) ? METHOD_NOT_ALLOWED
                        : NHS_NUMBER_LIKE.matcher(uri).replaceAll("{n}");
                return safe.equals(uri) ? id : id.replaceTags(withUri(id, safe));
            }
        };
    }

    private static List<Tag> withUri(Meter.Id id, String uri) {
        List<Tag> tags = new ArrayList<>();
        for (Tag tag : id.getTagsAsIterable()) {
            tags.add(URI.equals(tag.getKey()) ? Tag.of(URI, uri) : tag);
        }
        return tags;
    }
}
