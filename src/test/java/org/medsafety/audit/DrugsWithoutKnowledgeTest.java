package org.medsafety.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.medsafety.testing.Fixtures;
import org.medsafety.testing.HookRequests;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A drug the RxNorm vocabulary identifies but no knowledge row names gets no card, and the audit record says so: in
 * the evaluation view, the search results and both exports, under the hash chain.
 */
@QuarkusTest
class DrugsWithoutKnowledgeTest {

    static final String SIGN = "/cds-services/medication-safety-sign";

    private static ObjectNode prefetchOnWarfarin(String patient) {
        ObjectNode prefetch = Fixtures.JSON.createObjectNode();
        prefetch.set("patient", Fixtures.JSON.createObjectNode().put("resourceType", "Patient").put("id", patient)
                .put("gender", "female").put("birthDate", "1970-05-01"));
        prefetch.set("medications", Fixtures.bundleOf(
                Fixtures.draftOrder("w-1", "855332", "Warfarin Sodium 5 MG Oral Tablet", 1.0, "tablet", 1, 1.0, "d")
                        .put("status", "active"),
                Fixtures.draftOrder("e-1", "1870230", "NDA020800 0.3 ML Epinephrine 1 MG/ML Auto-Injector", null, null,
                        null, null, null).put("status", "active"),
                // Epinephrine has rows (label-interactions.csv, from the epinephrine label); chlorpheniramine has none.
                Fixtures.draftOrder("c-1", null, "Chlorpheniramine Maleate 4 MG Oral Tablet", null, null,
                        null, null, null).put("status", "active")));
        for (String key : List.of("allergies", "conditions", "weight", "height", "creatinine", "egfr")) {
            prefetch.putNull(key);
        }
        return prefetch;
    }

    @Test
    void theEvaluationRecordNamesTheDrugsScreenedAgainstNoRows() {
        String patient = "no-rows-" + UUID.randomUUID();
        ObjectNode request = HookRequests.orderSign(patient, prefetchOnWarfarin(patient),
                Fixtures.draftOrder("l-1", null, "Loratadine 5 MG Chewable Tablet", 2.0, "tablet", 1, 1.0, "d"));
        JsonPath response = given().contentType(ContentType.JSON).body(request.toString()).when().post(SIGN)
                .then().statusCode(200).extract().jsonPath();
        assertThat(response.getList("cards")).as("loratadine is identified and has no rows: no card").isEmpty();

        JsonPath search = auditor().queryParam("patientId", patient).when().get("/audit/evaluations")
                .then().statusCode(200).extract().jsonPath();
        assertThat(search.getList("items")).hasSize(1);
        long id = search.getLong("items[0].id");
        List<Map<String, Object>> listed = search.getList("items[0].drugsWithoutKnowledge");
        assertThat(listed).containsExactly(
                Map.of("rxcui", 28889, "name", "loratadine", "kind", "draft-order"),
                Map.of("rxcui", 2400, "name", "chlorpheniramine", "kind", "active-medication"));

        auditor().when().get("/audit/evaluations/" + id).then().statusCode(200)
                .body("drugsWithoutKnowledge.name", equalTo(List.of("loratadine", "chlorpheniramine")));

        String csv = auditor().queryParam("patientId", patient).queryParam("format", "csv")
                .when().get("/audit/evaluations/export").then().statusCode(200).extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).contains(",duration_micros,drugs_without_knowledge,card_uuid,");
        assertThat(lines.get(1)).contains("loratadine (RxCUI 28889); chlorpheniramine (RxCUI 2400)");
        String ndjson = auditor().queryParam("patientId", patient).queryParam("format", "ndjson")
                .when().get("/audit/evaluations/export").then().statusCode(200).extract().asString();
        assertThat(JsonPath.from(ndjson.lines().findFirst().orElseThrow()).getList("drugsWithoutKnowledge.name"))
                .containsExactly("loratadine", "chlorpheniramine");

        auditor().queryParam("full", true).when().get("/audit/integrity").then().statusCode(200)
                .body("intact", equalTo(true));
    }

    @Test
    void anEvaluationWhoseDrugsAllHaveRowsListsNone() {
        String patient = "all-rows-" + UUID.randomUUID();
        ObjectNode prefetch = prefetchOnWarfarin(patient);
        prefetch.set("medications", Fixtures.bundleOf(Fixtures.draftOrder("w-1", "855332",
                "Warfarin Sodium 5 MG Oral Tablet", 1.0, "tablet", 1, 1.0, "d").put("status", "active")));
        ObjectNode request = HookRequests.orderSign(patient, prefetch,
                Fixtures.draftOrder("n-1", "849574", "Naproxen sodium 220 MG Oral Tablet", 1.0, "tablet", 2, 1.0, "d"));
        given().contentType(ContentType.JSON).body(request.toString()).when().post(SIGN).then().statusCode(200);

        auditor().queryParam("patientId", patient).when().get("/audit/evaluations").then().statusCode(200)
                .body("items[0].drugsWithoutKnowledge", equalTo(List.of()));
    }

    private static io.restassured.specification.RequestSpecification auditor() {
        return given().auth().preemptive().basic("auditor", "auditor");
    }
}
