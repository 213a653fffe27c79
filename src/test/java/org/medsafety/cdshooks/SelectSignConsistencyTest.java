package org.medsafety.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.medsafety.testing.Fixtures;
import org.medsafety.testing.HookRequests;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * order-select with every order selected and order-sign must say the same things about the same orders: a clinician
 * must not see an alert at selection that disappears at signing, or the reverse.
 */
@QuarkusTest
class SelectSignConsistencyTest {

    static Set<String> findings(String service, ObjectNode request) {
        List<String> keys = given().contentType(ContentType.JSON).body(request.toString())
                .when().post("/cds-services/" + service).then().statusCode(200).extract().jsonPath()
                .getList("cards.collect { it.extension.'org.medsafety.finding'.ruleId + '|' + "
                        + "it.extension.'org.medsafety.finding'.knowledgeId + '|' + it.indicator + '|' + "
                        + "it.extension.'org.medsafety.finding'.draftOrder }");
        return new TreeSet<>(keys);
    }

    @Test
    void bothHooksGiveTheSameAlertsForTheSameOrders() {
        JsonNode bundle = Fixtures.synthea(Fixtures.ABSHIRE);
        ObjectNode[] orders = {
                Fixtures.draftOrder("n-1", "849574", "Naproxen sodium 220 MG Oral Tablet", 1.0, "tablet", 2, 1.0, "d"),
                Fixtures.draftOrder("t-1", null, "Tramadol Hydrochloride 50 MG Oral Tablet", 3.0, "tablet", 4, 1.0, "d"),
                Fixtures.draftOrder("a-1", "308182", "Amoxicillin 250 MG Oral Capsule", 2.0, "capsule", 3, 1.0, "d")};
        ObjectNode sign = HookRequests.orderSign(Fixtures.patientId(bundle), HookRequests.prefetchFrom(bundle), orders);
        ObjectNode select = HookRequests.orderSelect(Fixtures.patientId(bundle), HookRequests.prefetchFrom(bundle),
                List.of("MedicationRequest/n-1", "MedicationRequest/t-1", "MedicationRequest/a-1"), orders);

        Set<String> signed = findings("medication-safety-sign", sign);
        assertThat(signed).as("the request does raise alerts").hasSizeGreaterThanOrEqualTo(2);
        assertThat(findings("medication-safety-select", select)).isEqualTo(signed);
    }
}
