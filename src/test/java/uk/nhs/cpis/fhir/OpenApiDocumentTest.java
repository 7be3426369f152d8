package uk.nhs.cpis.fhir;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * /q/openapi is a document an LA supplier can generate a client from: the FHIR resources are described as the
 * JSON on the wire (by reference to the R4 definitions and fhir-profiles/), never as HAPI's Java classes, and
 * every endpoint of the service is in it with every parameter it takes, the FHIR search parameters (read from
 * the whole query, so named by no annotation of the code) included.
 */
@QuarkusTest
class OpenApiDocumentTest {
    /** Properties HAPI's Java classes have and FHIR JSON never does: the scanner's description of the classes. */
    private static final List<String> HAPI_PROPERTIES = List.of("idElement", "formatCommentsPre",
            "formatCommentsPost", "userData", "idBase", "languageElement", "implicitRulesElement", "entryFirstRep",
            "structureFhirVersionEnum");
    /** The FHIR search parameters of each search and conditional write, as docs/contract.md lists them. */
    private static final Map<String, Set<String>> FHIR_PARAMETERS = Map.of(
            "get /fhir/Patient", Set.of("identifier", "family", "given", "gender", "birthdate", "address-postalcode",
                    "_fuzzy-match", "_max-results"),
            "get /fhir/CareTeam", Set.of("patient:identifier", "_count", "_cursor"),
            "put /fhir/CareTeam", Set.of("patient:identifier", "category"),
            "delete /fhir/CareTeam", Set.of("patient:identifier", "category"),
            "get /fhir/Flag", Set.of("patient:identifier"),
            "get /fhir/AuditEvent", Set.of("patient:identifier"),
            "get /fhir/Communication", Set.of("category", "batch", "acknowledged", "_count", "_cursor"));

    private static final String REF = "#/components/parameters/";

    @Inject
    BeanManager beans;

    @Test
    void shouldDescribeTheJsonOnTheWireNotHapiClasses() {
        String document = given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .extract().asString();
        for (String property : HAPI_PROPERTIES) {
            assertFalse(document.contains(property), "HAPI's Java property " + property + " is in the document");
        }
        JsonPath json = JsonPath.from(document);
        for (String resource : List.of("Bundle", "CareTeam", "Patient", "Communication", "Parameters",
                "CapabilityStatement")) {
            String description = json.getString("components.schemas." + resource + ".description");
            assertTrue(description != null && description.contains("https://hl7.org/fhir/R4/fhir.schema.json"),
                    resource + " refers to the FHIR R4 JSON schema: " + description);
            assertEquals(List.of(resource), json.getList("components.schemas." + resource
                    + ".properties.resourceType.enum"));
        }
        assertTrue(json.getString("components.schemas.CareTeam.description")
                .contains("fhir-profiles/StructureDefinition-cpis-care-team.json"));
    }

    @Test
    void shouldListEveryEndpointWithEveryParameter() {
        JsonPath json = given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        List<String> problems = new ArrayList<>();
        for (Operation operation : operations()) {
            Map<String, Object> described = json.getMap("paths.'" + operation.path() + "'." + operation.method());
            if (described == null) {
                problems.add("missing: " + operation);
                continue;
            }
            Set<String> parameters = new TreeSet<>();
            List<Map<String, Object>> listed = json.getList("paths.'" + operation.path() + "'." + operation.method()
                    + ".parameters");
            for (Map<String, Object> parameter : listed == null ? List.<Map<String, Object>> of() : listed) {
                Object ref = parameter.get("$ref");
                parameters.add(ref == null ? (String) parameter.get("name")
                        : json.getString("components.parameters." + ref.toString().substring(REF.length()) + ".name"));
            }
            Set<String> expected = new TreeSet<>(operation.parameters());
            expected.addAll(FHIR_PARAMETERS.getOrDefault(operation.method() + " " + operation.path(), Set.of()));
            if (!parameters.containsAll(expected)) {
                problems.add(operation + ": parameters " + parameters + ", expected " + expected);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(operations().size() > 25, "the service's operations were found: " + operations().size());
    }

    @Test
    void shouldDescribeTheFhirSearchParameters() {
        JsonPath json = given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        assertEquals("query", json.getString("components.parameters.PatientIdentifier.in"));
        assertEquals(Boolean.TRUE, json.getBoolean("components.parameters.PatientIdentifier.required"));
        assertEquals("https://fhir.nhs.uk/Id/nhs-number|9434765919",
                json.getString("components.parameters.PatientIdentifier.example"));
    }

    /** Every JAX-RS operation of the service, read from its resource classes as HttpMetricTags reads them. */
    private List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Path root = bean.getBeanClass().getAnnotation(Path.class);
            if (root == null || !bean.getBeanClass().getName().startsWith("uk.nhs.cpis.")) {
                continue;
            }
            for (Method method : bean.getBeanClass().getDeclaredMethods()) {
                String verb = verb(method);
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String path = join(root.value(), sub == null ? "" : sub.value());
                Set<String> parameters = new TreeSet<>();
                for (Parameter parameter : method.getParameters()) {
                    QueryParam query = parameter.getAnnotation(QueryParam.class);
                    PathParam inPath = parameter.getAnnotation(PathParam.class);
                    HeaderParam header = parameter.getAnnotation(HeaderParam.class);
                    if (query != null) {
                        parameters.add(query.value());
                    } else if (inPath != null) {
                        parameters.add(inPath.value());
                    } else if (header != null) {
                        parameters.add(header.value());
                    }
                }
                operations.add(new Operation(verb, path, parameters));
            }
        }
        return operations;
    }

    private static String verb(Method method) {
        if (method.isAnnotationPresent(GET.class)) {
            return "get";
        } else if (method.isAnnotationPresent(POST.class)) {
            return "post";
        } else if (method.isAnnotationPresent(PUT.class)) {
            return "put";
        } else if (method.isAnnotationPresent(DELETE.class)) {
            return "delete";
        }
        return null;
    }

    private static String join(String base, String path) {
        String joined = ("/" + base + "/" + path).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private record Operation(String method, String path, Set<String> parameters) {
    }
}
