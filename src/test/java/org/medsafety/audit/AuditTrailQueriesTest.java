package org.medsafety.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medsafety.testing.Fixtures;
import org.medsafety.testing.HookRequests;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Auditors' queries on a known data set: three evaluations for one patient (two warfarin + naproxen, one with each
 * feedback outcome, and a tramadol overdose, which also meets the Ultram label's warfarin interaction), by two
 * prescribers.
 */
@QuarkusTest
class AuditTrailQueriesTest {

    static final String SIGN = "/cds-services/medication-safety-sign";

    private String patient;
    private Instant start;
    private final String[] ids = new String[3];
    private String naproxenCard1;
    private String naproxenCard2;

    static RequestSpecification auditor() {
        return given().auth().preemptive().basic("auditor", "auditor");
    }

    private static ObjectNode prefetch() {
        ObjectNode prefetch = Fixtures.JSON.createObjectNode();
        prefetch.set("patient", Fixtures.JSON.createObjectNode().put("resourceType", "Patient").put("id", "p")
                .put("gender", "female").put("birthDate", "1970-05-01"));
        prefetch.set("medications", Fixtures.bundleOf(
                Fixtures.draftOrder("w-1", "855332", "Warfarin Sodium 5 MG Oral Tablet", 1.0, "tablet", 1, 1.0, "d")
                        .put("status", "active")));
        for (String key : List.of("allergies", "conditions", "weight", "height", "creatinine", "egfr")) {
            prefetch.putNull(key);
        }
        return prefetch;
    }

    private String post(String user, ObjectNode order) {
        ObjectNode request = HookRequests.orderSign(patient, prefetch(), order);
        ((ObjectNode) request.get("context")).put("userId", user);
        return given().contentType(ContentType.JSON).body(request.toString()).when().post(SIGN).then().statusCode(200)
                .extract().asString();
    }

    private static void feedback(String card, String outcome, String reason) {
        ObjectNode body = Fixtures.JSON.createObjectNode();
        ObjectNode entry = body.putArray("feedback").addObject().put("card", card).put("outcome", outcome)
                .put("outcomeTimestamp", Instant.now().toString());
        if (reason != null) {
            entry.putObject("overrideReason").putObject("reason")
                    .put("system", "http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes").put("code", reason)
                    .put("display", "Recipient assessment of risk/benefit ratio");
        }
        given().contentType(ContentType.JSON).body(body.toString()).when().post(SIGN + "/feedback").then().statusCode(200);
    }

    @BeforeEach
    void knownDataSet() {
        patient = "audit-" + UUID.randomUUID();
        start = Instant.now().minusMillis(5);
        ObjectNode naproxen = Fixtures.draftOrder("n-1", "849574", "Naproxen sodium 220 MG Oral Tablet", 1.0, "tablet", 2, 1.0, "d");
        naproxenCard1 = JsonPath.from(post("Practitioner/alice", naproxen)).getString("cards[0].uuid");
        naproxenCard2 = JsonPath.from(post("Practitioner/alice", naproxen)).getString("cards[0].uuid");
        post("Practitioner/bob", Fixtures.draftOrder("t-1", null, "Tramadol Hydrochloride 50 MG Oral Tablet", 2.0,
                "tablet", 6, 1.0, "d"));
        feedback(naproxenCard1, "overridden", "risk-benefit-ratio");
        feedback(naproxenCard2, "accepted", null);
    }

    private JsonPath search(Map<String, Object> query) {
        return auditor().queryParam("patientId", patient).queryParams(query).when().get("/audit/evaluations")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void eachFilterNarrowsTheResult() {
        assertThat(search(Map.of()).getList("items")).hasSize(3);
        assertThat(search(Map.of("userId", "Practitioner/bob")).getList("items")).hasSize(1);
        assertThat(search(Map.of("service", "medication-safety-sign")).getList("items")).hasSize(3);
        assertThat(search(Map.of("service", "medication-safety-select")).getList("items")).isEmpty();
        assertThat(search(Map.of("ruleId", "DDI-TABLE")).getList("items")).hasSize(3);
        assertThat(search(Map.of("ruleId", "DOSE-MAX-DAILY")).getList("items")).hasSize(1);
        assertThat(search(Map.of("drug", "naproxen")).getList("items")).hasSize(2);
        assertThat(search(Map.of("drug", "7258")).getList("items")).as("naproxen by RxCUI").hasSize(2);
        assertThat(search(Map.of("drug", "10689")).getList("items")).as("tramadol by RxCUI").hasSize(1);
        assertThat(search(Map.of("indicator", "info")).getList("items")).as("tramadol's renal info card").hasSize(1);
        assertThat(search(Map.of("outcome", "overridden")).getList("items")).hasSize(1);
        assertThat(search(Map.of("outcome", "accepted")).getList("items")).hasSize(1);
        assertThat(search(Map.of("outcome", "none")).getList("items")).as("the tramadol cards got no feedback").hasSize(1);
        assertThat(search(Map.of("from", Instant.now().plusSeconds(60).toString())).getList("items")).isEmpty();
        assertThat(search(Map.of("to", start.toString())).getList("items")).isEmpty();
    }

    @Test
    void keysetPaginationWalksEveryRecordOnce() {
        JsonPath first = search(Map.of("limit", 2));
        assertThat(first.getList("items")).hasSize(2);
        Long next = first.getLong("next");
        JsonPath second = search(Map.of("limit", 2, "cursor", next));
        assertThat(second.getList("items")).hasSize(1);
        assertThat(second.getString("next")).isNull();
        assertThat(first.getList("items.id", Long.class)).doesNotContainAnyElementsOf(second.getList("items.id", Long.class));
    }

    @Test
    void oneRecordInFullWithFeedbackAndHashes() {
        long id = search(Map.of("outcome", "overridden")).getLong("items[0].id");
        auditor().when().get("/audit/evaluations/" + id).then().statusCode(200)
                .body("snapshot.draftOrders[0].reference", equalTo("MedicationRequest/n-1"))
                .body("feedback.'" + naproxenCard1 + "'[0].outcome", equalTo("overridden"))
                .body("feedback.'" + naproxenCard1 + "'[0].overrideReason.code", equalTo("risk-benefit-ratio"))
                .body("recordHash", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"));
        auditor().when().get("/audit/evaluations/999999999").then().statusCode(404);
    }

    @Test
    void exportStreamsCsvAndNdjsonWithTheSameRecords() {
        String csv = auditor().queryParam("patientId", patient).queryParam("format", "csv")
                .when().get("/audit/evaluations/export").then().statusCode(200).contentType("text/csv").extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).startsWith("evaluation_id,time,hook_instance");
        assertThat(lines).hasSize(1 + 2 + 3).as("header, two naproxen cards, tramadol dose, warfarin and renal cards");
        assertThat(csv).contains("DDI-WARFARIN-NSAID").contains("DOSE-TRAMADOL-ORAL-ADULT").contains(patient);

        String ndjson = auditor().queryParam("patientId", patient).queryParam("format", "ndjson")
                .when().get("/audit/evaluations/export").then().statusCode(200).extract().asString();
        List<String> records = ndjson.lines().toList();
        assertThat(records).hasSize(3).allSatisfy(line -> assertThat(JsonPath.from(line).getString("patientId")).isEqualTo(patient));
        auditor().queryParam("format", "xml").when().get("/audit/evaluations/export").then().statusCode(400);
    }

    @Test
    void statisticsOnTheKnownDataSetAreExact() {
        JsonPath stats = auditor().queryParam("from", start.toString()).queryParam("to", Instant.now().plusSeconds(1).toString())
                .queryParam("groupBy", "rule").when().get("/audit/stats").then().statusCode(200).extract().jsonPath();
        assertThat(stats.getInt("alerts")).isEqualTo(5);
        Map<String, Object> ddi = stats.getMap("groups.find { it.rule == 'DDI-TABLE' }");
        assertThat(ddi).containsEntry("fired", 3).containsEntry("accepted", 1).containsEntry("overridden", 1)
                .containsEntry("noFeedback", 1).containsEntry("overrideRate", 0.3333f);
        assertThat(stats.getString("groups.find { it.rule == 'DDI-TABLE' }.topOverrideReasons[0].code"))
                .isEqualTo("risk-benefit-ratio");
        assertThat(stats.getInt("groups.find { it.rule == 'DDI-TABLE' }.byIndicator.warning")).isEqualTo(3);
        assertThat(stats.getMap("groups.find { it.rule == 'DOSE-MAX-DAILY' }")).containsEntry("fired", 1)
                .containsEntry("overrideRate", 0.0f);

        JsonPath byUser = auditor().queryParam("from", start.toString()).queryParam("groupBy", "user")
                .when().get("/audit/stats").then().statusCode(200).extract().jsonPath();
        assertThat(byUser.getInt("groups.find { it.user == 'Practitioner/alice' }.fired")).isEqualTo(2);
        assertThat(byUser.getInt("groups.find { it.user == 'Practitioner/bob' }.fired")).isEqualTo(3);

        JsonPath byDrug = auditor().queryParam("from", start.toString()).queryParam("groupBy", "drug")
                .when().get("/audit/stats").then().statusCode(200).extract().jsonPath();
        assertThat(byDrug.getInt("groups.find { it.drug == 'warfarin' }.overridden")).isEqualTo(1);
        auditor().queryParam("groupBy", "ward").when().get("/audit/stats").then().statusCode(400);
    }

    @Test
    void anAuditorsReadOfAPatientIsItselfRecorded() {
        search(Map.of());
        List<AuditRead> readsOfPatient = QuarkusTransaction.requiringNew().call(() -> AuditRead.list("patientId", patient));
        assertThat(readsOfPatient).anySatisfy(r -> {
            assertThat(r.reader).isEqualTo("auditor");
            assertThat(r.what).isEqualTo("search");
            assertThat(r.resultCount).isEqualTo(3);
        });
    }

    @Test
    void badFiltersAreClear400s() {
        auditor().queryParam("indicator", "loud").when().get("/audit/evaluations").then().statusCode(400)
                .body("issue[0].diagnostics", containsString("indicator"));
        auditor().queryParam("from", "yesterday").when().get("/audit/evaluations").then().statusCode(400)
                .body("issue[0].diagnostics", containsString("ISO-8601"));
        auditor().queryParam("limit", 0).when().get("/audit/evaluations").then().statusCode(400);
    }

    @Test
    void pharmacistsCannotSearchPatientsButSeeStatisticsExceptPerClinician() {
        given().auth().preemptive().basic("pharmacist", "pharmacist").when().get("/audit/evaluations")
                .then().statusCode(403);
        given().auth().preemptive().basic("pharmacist", "pharmacist").when().get("/audit/stats").then().statusCode(200)
                .body("groups", org.hamcrest.Matchers.notNullValue());
        // Per-clinician override rates are staff performance data: auditors only (review P4).
        given().auth().preemptive().basic("pharmacist", "pharmacist").queryParam("groupBy", "user")
                .when().get("/audit/stats").then().statusCode(403)
                .body("issue[0].diagnostics", containsString("auditors"));
        given().when().get("/audit/integrity").then().statusCode(401);
    }

    @Test
    void statisticsPerKnowledgeRowCountAnOverriddenInteractionUnderItsOwnRow() {
        // Every interaction card has the rule DDI-TABLE; grouped by knowledge row, the warfarin + NSAID row stands alone.
        JsonPath stats = given().auth().preemptive().basic("pharmacist", "pharmacist")
                .queryParam("from", start.toString()).queryParam("to", Instant.now().plusSeconds(1).toString())
                .queryParam("groupBy", "knowledge").when().get("/audit/stats").then().statusCode(200).extract().jsonPath();

        assertThat(stats.getInt("alerts")).isEqualTo(5);
        assertThat(stats.getString("groupBy")).isEqualTo("knowledge");
        String row = "groups.find { it.knowledge == 'DDI-WARFARIN-NSAID' }";
        assertThat(stats.getMap(row)).containsEntry("fired", 2).containsEntry("accepted", 1)
                .containsEntry("overridden", 1).containsEntry("overrideRate", 0.5f).containsEntry("check", "interaction")
                .containsEntry("inActiveRuleset", true).containsEntry("table", "interactions.csv");
        assertThat(stats.getList(row + ".rules")).containsExactly("DDI-TABLE");
        assertThat(stats.getString(row + ".title")).isNotBlank();
        assertThat(stats.getString(row + ".source")).contains("3ebcb71e-9a7e-4969-abb9-7c7d3e3aae3c");
        assertThat(stats.getString(row + ".topOverrideReasons[0].code")).isEqualTo("risk-benefit-ratio");
        assertThat(stats.getMap("groups.find { it.knowledge == 'DOSE-TRAMADOL-ORAL-ADULT' }"))
                .containsEntry("fired", 1).containsEntry("overridden", 0).containsEntry("check", "dose");
        assertThat(stats.getMap("groups.find { it.knowledge == 'LDI-45f59e6f-tramadol-warfarin' }"))
                .containsEntry("fired", 1).containsEntry("table", "label-interactions.csv");
        assertThat(stats.getList("groups.knowledge")).doesNotContain("DDI-TABLE");
    }
}
