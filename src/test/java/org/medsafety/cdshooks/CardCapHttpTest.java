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
 * Sixty orders each above the label's maximum give more findings than one response shows (50 by default): the EHR
 * gets 50 cards, the last saying how many were not shown, and the audit trail records exactly those 50.
 */
@QuarkusTest
class CardCapHttpTest {

    @Test
    void theResponseIsCappedAndTheAuditRecordsExactlyTheCardsSent() {
        JsonNode bundle = Fixtures.synthea(Fixtures.ABSHIRE);
        JsonNode[] orders = new JsonNode[60];
        for (int i = 0; i < orders.length; i++) {
            orders[i] = Fixtures.draftOrder("tramadol-" + i, null, "Tramadol Hydrochloride 50 MG Oral Tablet", 3.0,
                    "tablet", 4, 1.0, "d");
        }
        ObjectNode request = HookRequests.orderSign(Fixtures.patientId(bundle), HookRequests.prefetchFrom(bundle), orders);

        JsonPath response = given().contentType(ContentType.JSON).body(request.toString())
                .when().post("/cds-services/medication-safety-sign")
                .then().statusCode(200).extract().jsonPath();

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
