package uk.nhs.cpis.support;

import static io.restassured.RestAssured.given;

import java.net.URL;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** /q/metrics as Prometheus scrapes it from the management interface, read sample by sample. */
public final class Metrics {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String text;

    private Metrics(String text) {
        this.text = text;
    }

    public static Metrics scrape(URL metrics) {
        return new Metrics(given().when().get(metrics).then().statusCode(200).extract().asString());
    }

    public String text() {
        return text;
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels} (name, value, ...); 0 if none. */
    public double value(String name, String... labels) {
        Map<String, String> wanted = new HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        double sum = 0;
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (sample.matches() && sample.group(1).equals(name) && labels(sample.group(2)).entrySet()
                    .containsAll(wanted.entrySet())) {
                sum += Double.parseDouble(sample.group(3));
            }
        }
        return sum;
    }

    /** Every sample name exported. */
    public Set<String> names() {
        Set<String> names = new HashSet<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (sample.matches()) {
                names.add(sample.group(1));
            }
        }
        return names;
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new HashMap<>();
        if (text != null) {
            Matcher label = LABEL.matcher(text);
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
        }
        return labels;
    }
}
