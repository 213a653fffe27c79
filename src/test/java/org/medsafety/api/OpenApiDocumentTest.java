package org.medsafety.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description covers exactly what the code serves: every JAX-RS resource method (found by reflection, so
 * a new endpoint without a description fails here), each with a summary, a tag, its success answer, its errors as
 * OperationOutcomes, and the credentials it needs; and it carries every example of docs/examples, equal to its file.
 */
@QuarkusTest
class OpenApiDocumentTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
    private JsonNode document;

    static final String CONSOLE_PACKAGE = "org.medsafety.console.";

    @BeforeEach
    void read() throws IOException {
        document = JSON.readTree(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
    }

    /**
     * "POST /cds-services/{id}" for every resource method under org.medsafety, except the web console's HTML pages
     * (org.medsafety.console), which are screens for people, not part of the API.
     */
    static Set<String> servedByTheCode() throws IOException, ClassNotFoundException {
        java.nio.file.Path classes = Paths.get("target/classes");
        Set<String> endpoints = new TreeSet<>();
        List<java.nio.file.Path> files;
        try (Stream<java.nio.file.Path> walk = Files.walk(classes.resolve("org/medsafety"))) {
            files = walk.filter(f -> f.toString().endsWith(".class")).toList();
        }
        for (java.nio.file.Path f : files) {
            String name = classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
            if (name.startsWith(CONSOLE_PACKAGE)) {
                continue;
            }
            Class<?> type = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
            Path base = type.getAnnotation(Path.class);
            if (base == null) {
                continue;
            }
            for (Method m : type.getDeclaredMethods()) {
                for (Annotation a : m.getAnnotations()) {
                    HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
                    if (http != null) {
                        Path sub = m.getAnnotation(Path.class);
                        endpoints.add(http.value() + " " + normalise(base.value() + "/" + (sub == null ? ""
                                : sub.value())));
                    }
                }
            }
        }
        return endpoints;
    }

    static String normalise(String path) {
        String p = ("/" + path).replaceAll("/+", "/").replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** Every operation of the description outside /q/, by "METHOD path". */
    Map<String, JsonNode> described() {
        Map<String, JsonNode> operations = new TreeMap<>();
        document.path("paths").fields().forEachRemaining(path -> {
            if (!path.getKey().startsWith("/q/")) {
                path.getValue().fields().forEachRemaining(op -> {
                    if (METHODS.contains(op.getKey())) {
                        operations.put(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), op.getValue());
                    }
                });
            }
        });
        return operations;
    }

    @Test
    void everyEndpointTheCodeServesIsDescribedAndNothingElse() throws Exception {
        Set<String> served = servedByTheCode();
        assertThat(served).hasSizeGreaterThan(20).contains("POST /cds-services/{id}", "GET /audit/integrity");
        assertThat(described().keySet()).containsExactlyInAnyOrderElementsOf(served);
    }

    @Test
    void everyOperationHasASummaryATagItsAnswerAndItsErrorsAsOperationOutcomes() {
        described().forEach((name, op) -> {
            assertThat(op.path("summary").asText()).as("%s summary", name).isNotBlank();
            assertThat(op.path("tags")).as("%s tags", name).isNotEmpty();
            List<String> statuses = new ArrayList<>();
            op.path("responses").fieldNames().forEachRemaining(statuses::add);
            assertThat(statuses).as("%s answers", name).anyMatch(s -> s.startsWith("2")).contains("500");
            if (op.has("parameters") || op.has("requestBody") || op.has("security")) {
                assertThat(statuses).as("%s refusals", name).anyMatch(s -> s.startsWith("4"));
            }
            op.path("responses").fields().forEachRemaining(r -> {
                if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                    String schema = resolve(r.getValue()).at("/content/application~1json/schema/$ref").asText();
                    // The one error that is not an OperationOutcome: a publication its checks refuse (422) answers
                    // the report, which names each problem with file and line.
                    assertThat(schema).as("%s %s", name, r.getKey()).isIn("#/components/schemas/OperationOutcome",
                            r.getKey().equals("422") ? "#/components/schemas/PublicationReport" : null);
                }
            });
        });
    }

    @Test
    void everyOperationNamesTheCredentialsItNeeds() {
        described().forEach((name, op) -> {
            Set<String> schemes = new TreeSet<>();
            op.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(schemes::add));
            String path = name.substring(name.indexOf(' ') + 1);
            if (path.startsWith("/admin") || path.startsWith("/audit")) {
                assertThat(schemes).as(name).containsExactlyInAnyOrder(ApiDefinition.STAFF_TOKEN,
                        ApiDefinition.LOCAL_USER);
            } else if (name.startsWith("POST /cds-services/")) {
                assertThat(schemes).as(name).containsExactly(ApiDefinition.CDS_CLIENT);
            } else {
                assertThat(schemes).as("%s is open", name).isEmpty();
            }
        });
        assertThat(document.at("/components/securitySchemes").fieldNames()).toIterable()
                .containsExactlyInAnyOrder(ApiDefinition.CDS_CLIENT, ApiDefinition.STAFF_TOKEN,
                        ApiDefinition.LOCAL_USER);
    }

    @Test
    void everyExampleOfDocsExamplesIsInTheDescriptionEqualToItsFile() throws IOException {
        List<JsonNode> inDocument = new ArrayList<>();
        document.findValues("examples").forEach(examples -> examples.forEach(e -> inDocument.add(e.path("value"))));
        List<java.nio.file.Path> files;
        try (Stream<java.nio.file.Path> walk = Files.walk(Paths.get("docs/examples"))) {
            files = walk.filter(f -> f.toString().endsWith(".json")).toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(8);
        for (java.nio.file.Path file : files) {
            assertThat(inDocument).as(file.toString()).contains(JSON.readTree(file.toFile()));
        }
        assertThat(ApiExamples.PLACEMENTS).hasSize(files.size());
    }

    private JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.isEmpty() ? node : document.at(ref.substring(1));
    }
}
