package org.medsafety.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.medsafety.testing.Fixtures;
import org.medsafety.testing.HookRequests;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * The end-to-end path on real third-party data: a Synthea patient on warfarin gets an NSAID ordered, the EHR calls
 * order-sign with prefetch, and the answer is a well-formed CDS Hooks 2.0 interaction card that is in the audit trail.
 */
@QuarkusTest
class OrderSignWithSyntheaTest {

    static final String NAPROXEN = "Naproxen sodium 220 MG Oral Tablet";

    static ObjectNode warfarinPatientOrderingNaproxen() {
        JsonNode bundle = Fixtures.synthea(Fixtures.ABSHIRE);
        return HookRequests.orderSign(Fixtures.patientId(bundle), HookRequests.prefetchFrom(bundle),
                Fixtures.draftOrder("naproxen-1", "849574", NAPROXEN, 1.0, "tablet", 2, 1.0, "d"));
    }

    @Test
    void naproxenForAPatientOnWarfarinGetsAWellFormedInteractionCard() {
        ObjectNode request = warfarinPatientOrderingNaproxen();
        JsonPath response = given().contentType(ContentType.JSON).body(request.toString())
                .when().post("/cds-services/medication-safety-sign")
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();

        List<Map<String, Object>> cards = response.getList("cards");
        Map<String, Object> card = cards.stream()
                .filter(c -> String.valueOf(c.get("summary")).contains("warfarin")).findFirst().orElseThrow();
        assertThat((String) card.get("uuid")).matches("[0-9a-f-]{36}");
        assertThat((String) card.get("summary")).hasSizeLessThan(140)
                .isEqualTo("Major interaction: naproxen + warfarin — increased risk of bleeding");
        assertThat(card.get("indicator")).isEqualTo("warning");
        assertThat((String) card.get("detail")).contains("Warfarin Sodium 5 MG Oral Tablet").contains(NAPROXEN)
                .contains("Closely monitor");

        Map<String, Object> source = cast(card.get("source"));
        assertThat((String) source.get("label")).contains("ruleset").contains("3ebcb71e-9a7e-4969-abb9-7c7d3e3aae3c");
        assertThat((String) source.get("url")).startsWith("https://");
        Map<String, Object> topic = cast(source.get("topic"));
        assertThat(topic).containsEntry("code", "DDI-TABLE");

        List<Map<String, Object>> reasons = cast(card.get("overrideReasons"));
        assertThat(reasons).isNotEmpty().allSatisfy(r -> assertThat(r).containsKeys("system", "code", "display"));

        assertThat(card.get("selectionBehavior")).isEqualTo("at-most-one");
        List<Map<String, Object>> suggestions = cast(card.get("suggestions"));
        assertThat(suggestions).singleElement().satisfies(s -> {
            assertThat((String) s.get("uuid")).matches("[0-9a-f-]{36}");
            List<Map<String, Object>> actions = cast(s.get("actions"));
            assertThat(actions).singleElement().satisfies(a -> {
                assertThat(a).containsEntry("type", "delete").containsEntry("resourceId", "MedicationRequest/naproxen-1");
                assertThat(a).doesNotContainKey("resource");
                assertThat((String) a.get("description")).isNotBlank();
            });
        });
        List<Map<String, Object>> links = cast(card.get("links"));
        assertThat(links).singleElement().satisfies(l -> assertThat(l).containsEntry("type", "absolute"));

        Map<String, Object> extension = cast(card.get("extension"));
        Map<String, Object> finding = cast(extension.get("org.medsafety.finding"));
        assertThat(finding).containsEntry("draftOrder", "MedicationRequest/naproxen-1")
                .containsEntry("severity", "major").containsEntry("knowledgeId", "DDI-WARFARIN-NSAID");

        // The same evaluation is in the audit trail, with the card the EHR received.
        given().auth().basic("auditor", "auditor").queryParam("patientId", Fixtures.patientId(Fixtures.synthea(Fixtures.ABSHIRE)))
                .when().get("/audit/evaluations")
                .then().statusCode(200)
                .body("items.find { it.hookInstance == '" + request.get("hookInstance").asText() + "' }.cards.uuid",
                        org.hamcrest.Matchers.hasItem(card.get("uuid")))
                .body("items.find { it.hookInstance == '" + request.get("hookInstance").asText() + "' }.service",
                        equalTo("medication-safety-sign"))
                .body("items.find { it.hookInstance == '" + request.get("hookInstance").asText() + "' }.userId",
                        equalTo("Practitioner/example"))
                .body("items.find { it.hookInstance == '" + request.get("hookInstance").asText() + "' }.rulesetVersion",
                        equalTo(finding.get("rulesetVersion")));
    }

    @Test
    void noCardFieldIsNullOrEmpty() {
        String body = given().contentType(ContentType.JSON).body(warfarinPatientOrderingNaproxen().toString())
                .when().post("/cds-services/medication-safety-sign").then().statusCode(200).extract().asString();
        assertThat(body).doesNotContain("null").doesNotContain("\"\"").doesNotContain("[]").doesNotContain("{}");
    }

    @Test
    void anOrderWithNothingToSayGetsAnEmptyCardList() {
        JsonNode bundle = Fixtures.synthea(Fixtures.BOTELLO);
        ObjectNode prefetch = HookRequests.prefetchFrom(bundle);
        prefetch.set("medications", HookRequests.searchset(Fixtures.JSON.createObjectNode(), "MedicationRequest", null));
        ObjectNode request = HookRequests.orderSign(Fixtures.patientId(bundle), prefetch,
                Fixtures.draftOrder("apap-1", "313782", "Acetaminophen 325 MG Oral Tablet", 1.0, "tablet", 4, 1.0, "d"));
        given().contentType(ContentType.JSON).body(request.toString())
                .when().post("/cds-services/medication-safety-sign")
                .then().statusCode(200).body("cards", hasSize(0));
    }

    @Test
    void currentMedicationsTheServiceCannotIdentifyAreNamedOnOneInfoCard() {
        // Gerardo Botello takes fexofenadine, epinephrine, fluticasone, albuterol and methylphenidate, all identified
        // since the RxNorm vocabulary; two current medications nobody knows are added. The acetaminophen order
        // cannot have been screened against those two: say so, once, and name them (and only them).
        JsonNode bundle = Fixtures.synthea(Fixtures.BOTELLO);
        ObjectNode prefetch = HookRequests.prefetchFrom(bundle);
        ArrayNode medications = (ArrayNode) prefetch.get("medications").get("entry");
        medications.addObject().set("resource", Fixtures.draftOrder("z-1", null, "Zorblaxin 10 MG Oral Tablet", null,
                null, null, null, null).put("status", "active"));
        medications.addObject().set("resource", Fixtures.draftOrder("z-2", null, "Quexolide 5 MG Oral Capsule", null,
                null, null, null, null).put("status", "active"));
        ObjectNode request = HookRequests.orderSign(Fixtures.patientId(bundle), prefetch,
                Fixtures.draftOrder("apap-1", "313782", "Acetaminophen 325 MG Oral Tablet", 1.0, "tablet", 4, 1.0, "d"));
        JsonPath response = given().contentType(ContentType.JSON).body(request.toString())
                .when().post("/cds-services/medication-safety-sign")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> unscreened = response.getList(
                "cards.findAll { it.extension.'org.medsafety.finding'.ruleId == 'UNSCREENED-ACTIVE-MEDICATION' }");
        assertThat(unscreened).singleElement().satisfies(card -> {
            assertThat(card.get("indicator")).isEqualTo("info");
            assertThat((String) card.get("summary"))
                    .isEqualTo("Not screened against 2 current medications that could not be identified");
            assertThat((String) card.get("detail")).contains("Zorblaxin 10 MG Oral Tablet")
                    .contains("Quexolide 5 MG Oral Capsule").doesNotContain("Fexofenadine").doesNotContain("Albuterol")
                    .doesNotContain("Methylphenidate");
        });
    }

    @SuppressWarnings("unchecked")
    static <T> T cast(Object o) {
        return (T) o;
    }
}
