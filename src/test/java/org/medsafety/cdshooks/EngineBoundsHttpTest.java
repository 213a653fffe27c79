package org.medsafety.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.medsafety.audit.CardRecord;
import org.medsafety.audit.EvaluationRecord;
import org.medsafety.testing.Fixtures;
import org.medsafety.testing.HookRequests;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's bounds seen by an EHR: more findings than one response shows, a dose in a unit that cannot be
 * converted, and a weight no patient can have. Each is visible on a card; none is a 500 or silence.
 */
@QuarkusTest
class EngineBoundsHttpTest {

    private static JsonPath sign(ObjectNode request) {
        return given().contentType(ContentType.JSON).body(request.toString())
                .when().post("/cds-services/medication-safety-sign")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aDoseInAUnitThatCannotBeConvertedIsSaidNotToHaveBeenChecked() {
        // Before: the unknown daily dose made the fact assembly throw, so the EHR got a 500 and no card at all.
        JsonNode bundle = Fixtures.synthea(Fixtures.ABSHIRE);
        ObjectNode order = Fixtures.draftOrder("tramadol-1", null, "Tramadol Hydrochloride 50 MG Oral Tablet", 2.0,
                "scoops", 4, 1.0, "d");
        List<String> summaries = sign(HookRequests.orderSign(Fixtures.patientId(bundle),
                HookRequests.prefetchFrom(bundle), order)).getList("cards.summary");
        assertThat(summaries).contains("Dose not checked: tramadol — the ordered dose could not be converted to mg");
    }

    @Test
    void aWeightOfSeventyTonnesIsNotUsedAndTheCardsSaySo() {
        JsonNode bundle = Fixtures.synthea(Fixtures.KUHLMAN);
        ObjectNode prefetch = HookRequests.prefetchFrom(bundle);
        ObjectNode weight = Fixtures.JSON.createObjectNode().put("resourceType", "Observation").put("id", "w-typo")
                .put("status", "final").put("effectiveDateTime", "2026-11-24T10:00:00Z");
        weight.putObject("code").putArray("coding").addObject().put("system", "http://loinc.org").put("code", "29463-7");
        weight.putObject("valueQuantity").put("value", 70000).put("unit", "kg").put("code", "kg");
        ((com.fasterxml.jackson.databind.node.ArrayNode) prefetch.path("weight").path("entry")).addObject().set("resource", weight);
        ObjectNode valproate = Fixtures.draftOrder("vpa-1", null, "Valproic Acid 250 MG Oral Capsule", 1000.0, "mg", 3,
                1.0, "d");

        List<String> summaries = sign(HookRequests.orderSign(Fixtures.patientId(bundle), prefetch, valproate))
                .getList("cards.summary");

        assertThat(summaries).contains("Not used: the recorded weight (70000 kg) is outside the plausible range 0.2–700 kg");
        assertThat(summaries).anySatisfy(s -> assertThat(s).startsWith("Dose not checked: valproic acid — the label's "
                + "limit is per kg and the recorded weight (70000 kg)"));
    }

    @Test
    void theResponseIsCappedAndTheAuditRecordsExactlyTheCardsSent() {
        JsonNode bundle = Fixtures.synthea(Fixtures.ABSHIRE);
        JsonNode[] orders = new JsonNode[60];
        for (int i = 0; i < orders.length; i++) {
            orders[i] = Fixtures.draftOrder("tramadol-" + i, null, "Tramadol Hydrochloride 50 MG Oral Tablet", 3.0,
                    "tablet", 4, 1.0, "d");
        }
        ObjectNode request = HookRequests.orderSign(Fixtures.patientId(bundle), HookRequests.prefetchFrom(bundle), orders);

        JsonPath response = sign(request);

        List<String> uuids = response.getList("cards.uuid");
        List<String> rules = response.getList("cards.extension.'org.medsafety.finding'.ruleId");
        assertThat(uuids).hasSize(50);
        assertThat(rules).filteredOn(CardCap.NOT_SHOWN_RULE::equals).hasSize(1);
        assertThat(rules.get(49)).isEqualTo(CardCap.NOT_SHOWN_RULE);
        assertThat(response.getString("cards[49].summary")).startsWith("Not shown: ").contains("dose");
        // Every shown card is a warning or more serious: info notices were the ones left out.
        assertThat(response.getList("cards.indicator").subList(0, 49)).doesNotContain("info");

        String hookInstance = request.get("hookInstance").asText();
        QuarkusTransaction.requiringNew().run(() -> {
            EvaluationRecord record = EvaluationRecord.<EvaluationRecord>find("hookInstance", hookInstance).singleResult();
            assertThat(record.cardCount).isEqualTo(50);
            List<CardRecord> rows = CardRecord.list("evaluationId", Sort.ascending("id"), record.id);
            assertThat(rows).extracting(r -> r.cardUuid).containsExactlyElementsOf(uuids);
            assertThat(rows.get(49).ruleId).isEqualTo(CardCap.NOT_SHOWN_RULE);
        });
    }
}
