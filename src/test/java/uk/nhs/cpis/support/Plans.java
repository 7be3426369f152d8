package uk.nhs.cpis.support;

import java.time.LocalDate;

/** Builds upload JSON: CareTeams and batch Bundles, as an LA system would send them. */
public final class Plans {
    public static final String CPP = "342191000000101";
    public static final String LAC = "764841000000100";
    public static final String UCPP = "818901000000100";

    private Plans() {
    }

    public static String url(String nhsNumber, String code) {
        return "CareTeam?patient:identifier=https://fhir.nhs.uk/Id/nhs-number|" + nhsNumber
                + "&category=http://snomed.info/sct|" + code;
    }

    public static Builder plan(String nhsNumber, String family, LocalDate birthDate, String code) {
        return new Builder(nhsNumber, family, birthDate, code);
    }

    public static String batch(String identifier, String... entries) {
        String id = identifier == null ? "" : """
                "identifier":{"system":"https://cpis.local/fhir/Id/upload-batch","value":"%s"},""".formatted(identifier);
        return """
                {"resourceType":"Bundle",%s"type":"batch","entry":[%s]}""".formatted(id, String.join(",", entries));
    }

    public static String putEntry(Builder plan) {
        return putEntry(plan.url(), plan.json());
    }

    /** A PUT entry carrying CareTeam JSON as given (e.g. a builder's JSON edited to break one rule). */
    public static String putEntry(String url, String careTeamJson) {
        return """
                {"request":{"method":"PUT","url":"%s"},"resource":%s}""".formatted(url, careTeamJson);
    }

    public static String deleteEntry(String nhsNumber, String code) {
        return """
                {"request":{"method":"DELETE","url":"%s"}}""".formatted(url(nhsNumber, code));
    }

    public static final class Builder {
        private final String nhsNumber;
        private String family;
        private LocalDate birthDate;
        private final String code;
        private String start = "2026-01-10";
        private String end;
        private String la = Tokens.LA;
        private String emergency = "01632 960001";
        private String office = "01632 960002";

        Builder(String nhsNumber, String family, LocalDate birthDate, String code) {
            this.nhsNumber = nhsNumber;
            this.family = family;
            this.birthDate = birthDate;
            this.code = code;
        }

        public Builder start(String value) {
            start = value;
            return this;
        }

        public Builder end(String value) {
            end = value;
            return this;
        }

        public Builder la(String value) {
            la = value;
            return this;
        }

        public Builder family(String value) {
            family = value;
            return this;
        }

        public Builder birthDate(LocalDate value) {
            birthDate = value;
            return this;
        }

        public Builder emergency(String value) {
            emergency = value;
            return this;
        }

        public Builder office(String value) {
            office = value;
            return this;
        }

        public String url() {
            return Plans.url(nhsNumber, code);
        }

        public String json() {
            String period = (start == null ? "" : "\"start\":\"" + start + "\"")
                    + (start != null && end != null ? "," : "") + (end == null ? "" : "\"end\":\"" + end + "\"");
            String telecom = (emergency == null ? "" : """
                    {"system":"phone","value":"%s","use":"mobile"},""".formatted(emergency)) + """
                    {"system":"phone","value":"%s","use":"work"}""".formatted(office);
            return """
                    {"resourceType":"CareTeam",
                     "meta":{"profile":["https://cpis.local/fhir/StructureDefinition/cpis-care-team"]},
                     "contained":[{"resourceType":"Patient","id":"patient",
                       "identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"%s"}],
                       "name":[{"family":"%s","given":["Test"]}],"gender":"female","birthDate":"%s"}],
                     "status":"active",
                     "category":[{"coding":[{"system":"http://snomed.info/sct","code":"%s"}]}],
                     "subject":{"reference":"#patient"},
                     "period":{%s},
                     "managingOrganization":[{"identifier":{"system":"https://fhir.nhs.uk/Id/ods-organization-code",
                       "value":"%s"},"display":"Northtown Council"}],
                     "telecom":[%s]}""".formatted(nhsNumber, family, birthDate, code, period, la, telecom);
        }
    }
}
