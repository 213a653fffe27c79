package org.medsafety.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role matrix in README.md ("Access") is what the service does (review A14): every row is called as each
 * caller, and every admin and audit endpoint has a row. Allowed calls are chosen to do no harm (an unknown version,
 * an invalid zip, a missing reason), so an allowed caller sees 200, 400 or 404, never 401 or 403.
 */
@QuarkusTest
class RoleMatrixTest {

    static final List<String> CALLERS = List.of("anonymous", "pharmacist", "auditor", "records-officer");
    static final Pattern ROW = Pattern.compile("^\\|\\s*`((GET|POST|PUT|DELETE) (/admin|/audit)[^`]*)`[^|]*\\|(.*)\\|\\s*$");
    static final byte[] NOT_A_ZIP = {1, 2, 3};

    /** One harmless call per documented row. */
    static final Map<String, Function<RequestSpecification, Response>> CALLS = new LinkedHashMap<>();

    static {
        CALLS.put("POST /admin/rulesets/validate", r -> r.contentType("application/zip").body(NOT_A_ZIP)
                .post("/admin/rulesets/validate"));
        // Publishes the configured folders, which the tests serve already: the same version stays active.
        CALLS.put("POST /admin/rulesets/reload", r -> r.queryParam("reason", "role matrix").post("/admin/rulesets/reload"));
        CALLS.put("POST /admin/rulesets", r -> r.contentType("application/zip").body(NOT_A_ZIP).post("/admin/rulesets"));
        CALLS.put("GET /admin/rulesets", r -> r.get("/admin/rulesets"));
        CALLS.put("GET /admin/rulesets/active", r -> r.get("/admin/rulesets/active"));
        CALLS.put("GET /admin/rulesets/{version}", r -> r.get("/admin/rulesets/no-such-version"));
        CALLS.put("POST /admin/rulesets/{version}/activate", r -> r.queryParam("reason", "role matrix")
                .post("/admin/rulesets/no-such-version/activate"));
        CALLS.put("POST /admin/rulesets/{version}/replay", r -> r.post("/admin/rulesets/no-such-version/replay"));
        CALLS.put("POST /admin/rulesets/replay", r -> r.contentType("application/zip").body(NOT_A_ZIP)
                .post("/admin/rulesets/replay"));
        CALLS.put("GET /admin/tuning", r -> r.get("/admin/tuning"));
        CALLS.put("POST /admin/tuning", r -> r.contentType("application/json").body("{}").post("/admin/tuning"));
        CALLS.put("DELETE /admin/tuning/{target}", r -> r.queryParam("reason", "role matrix")
                .delete("/admin/tuning/NO-SUCH-TARGET"));
        CALLS.put("GET /admin/actions", r -> r.queryParam("limit", 1).get("/admin/actions"));
        CALLS.put("POST /admin/audit/purge", r -> r.post("/admin/audit/purge")); // no reason: 400, nothing purged
        CALLS.put("GET /audit/evaluations", r -> r.queryParam("limit", 0).get("/audit/evaluations"));
        CALLS.put("GET /audit/evaluations/{id}", r -> r.get("/audit/evaluations/0"));
        CALLS.put("GET /audit/evaluations/export", r -> r.queryParam("format", "xml").get("/audit/evaluations/export"));
        CALLS.put("GET /audit/integrity", r -> r.get("/audit/integrity"));
        CALLS.put("GET /audit/checkpoints", r -> r.queryParam("limit", 1).get("/audit/checkpoints"));
        CALLS.put("GET /audit/stats", r -> r.queryParam("from", "2999-01-01T00:00:00Z").get("/audit/stats"));
        CALLS.put("GET /audit/stats?groupBy=knowledge", r -> r.queryParam("from", "2999-01-01T00:00:00Z")
                .queryParam("groupBy", "knowledge").get("/audit/stats"));
        CALLS.put("GET /audit/stats?groupBy=user", r -> r.queryParam("from", "2999-01-01T00:00:00Z")
                .queryParam("groupBy", "user").get("/audit/stats"));
    }

    record Row(String endpoint, List<String> expected) {
    }

    /** The rows of the README table headed "| endpoint | anonymous | …". */
    static List<Row> documented() throws IOException {
        List<Row> rows = new ArrayList<>();
        boolean inMatrix = false;
        for (String line : Files.readAllLines(java.nio.file.Path.of("README.md"))) {
            if (line.startsWith("| endpoint | " + String.join(" | ", CALLERS) + " |")) {
                inMatrix = true;
                continue;
            }
            if (inMatrix && !line.startsWith("|")) {
                break;
            }
            Matcher m = ROW.matcher(line);
            if (inMatrix && m.matches()) {
                List<String> cells = List.of(m.group(4).split("\\|")).stream().map(String::trim).toList();
                rows.add(new Row(m.group(1), cells));
            }
        }
        return rows;
    }

    @Test
    void everyDocumentedRowHoldsForEveryCaller() throws IOException {
        List<Row> rows = documented();
        assertThat(rows).extracting(Row::endpoint).containsExactlyInAnyOrderElementsOf(CALLS.keySet());
        List<String> mismatches = new ArrayList<>();
        for (Row row : rows) {
            assertThat(row.expected()).as(row.endpoint()).hasSize(CALLERS.size());
            for (int i = 0; i < CALLERS.size(); i++) {
                String caller = CALLERS.get(i);
                String expected = row.expected().get(i);
                RequestSpecification request = given().header("X-Requested-By", "role matrix test");
                if (!caller.equals("anonymous")) {
                    request = request.auth().preemptive().basic(caller, caller);
                }
                int status = CALLS.get(row.endpoint()).apply(request.when()).statusCode();
                boolean holds = expected.equals("✓") ? status != 401 && status != 403 && status < 500
                        : expected.equals(String.valueOf(status));
                if (!holds) {
                    mismatches.add(row.endpoint() + " as " + caller + ": documented " + expected + ", got " + status);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void everyAdminAndAuditEndpointIsInTheMatrix() throws IOException {
        Set<String> documented = documented().stream().map(r -> r.endpoint().replaceFirst("\\?.*$", ""))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> served = new TreeSet<>();
        for (Class<?> resource : resources()) {
            String base = resource.getAnnotation(Path.class).value();
            if (!base.startsWith("/admin") && !base.startsWith("/audit")) {
                continue;
            }
            for (Method method : resource.getDeclaredMethods()) {
                String verb = method.isAnnotationPresent(GET.class) ? "GET" : method.isAnnotationPresent(POST.class)
                        ? "POST" : method.isAnnotationPresent(PUT.class) ? "PUT"
                        : method.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
                if (verb != null) {
                    Path sub = method.getAnnotation(Path.class);
                    served.add(verb + " " + base + (sub == null ? "" : "/" + sub.value()));
                }
            }
        }
        assertThat(served).contains("POST /admin/audit/purge", "GET /audit/evaluations");
        assertThat(documented).isEqualTo(served);
    }

    /** Every JAX-RS resource class the build produced. */
    private List<Class<?>> resources() throws IOException {
        java.nio.file.Path classes = java.nio.file.Path.of("target/classes");
        List<Class<?>> found = new ArrayList<>();
        try (var files = Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(java.io.File.separatorChar, '.')
                        .replaceFirst("\\.class$", "");
                try {
                    Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                    if (type.isAnnotationPresent(Path.class)) {
                        found.add(type);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // generated or optional classes that do not load on their own are not resources
                }
            }
        }
        return found;
    }
}
