package org.medsafety.cdshooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.medsafety.testing.Fixtures;
import org.medsafety.testing.HookRequests;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The pregnancy check through HTTP: a FHIR pregnancy condition and gestational-age Observation, or neither. */
@QuarkusTest
class PregnancyHttpTest {

    private static final String SIGN = "/cds-services/medication-safety-sign";

    private static ObjectNode prefetch(String clinicalStatus, Double gestationalWeeks, boolean sendGestationalAgeKey) {
        ObjectNode prefetch = Fixtures.JSON.createObjectNode();
        prefetch.set("patient", Fixtures.JSON.createObjectNode().put("resourceType", "Patient").put("id", "p")
                .put("gender", "female").put("birthDate", "1994-02-01"));
        ObjectNode condition = Fixtures.JSON.createObjectNode().put("resourceType", "Condition").put("id", "preg");
        condition.putObject("code").put("text", "Normal pregnancy");
        condition.putObject("clinicalStatus").putArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/condition-clinical").put("code", clinicalStatus);
        prefetch.set("conditions", Fixtures.bundleOf(condition));
        for (String key : List.of("medications", "allergies", "weight", "height", "creatinine", "egfr")) {
            prefetch.putNull(key);
        }
        if (gestationalWeeks != null) {
            ObjectNode ga = Fixtures.JSON.createObjectNode().put("resourceType", "Observation").put("id", "ga")
                    .put("status", "final").put("effectiveDateTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            ga.putObject("code").putArray("coding").addObject().put("system", "http://loinc.org").put("code", "49051-6");
            ga.putObject("valueQuantity").put("value", gestationalWeeks).put("unit", "wk")
                    .put("system", "http://unitsofmeasure.org").put("code", "wk");
            prefetch.set("gestationalAge", Fixtures.bundleOf(ga));
        } else if (sendGestationalAgeKey) {
            prefetch.putNull("gestationalAge");
        }
        return prefetch;
    }

    private static JsonPath sign(ObjectNode prefetch, String drug) {
        ObjectNode request = HookRequests.orderSign("p", prefetch,
                Fixtures.draftOrder("o-1", null, drug, null, null, null, null, null));
        return JsonPath.from(given().contentType(ContentType.JSON).body(request.toString()).when().post(SIGN)
                .then().statusCode(200).extract().asString());
    }

    @Test
    void anNsaidAt31WeeksGetsTheLabelsAvoidCard() {
        JsonPath cards = sign(prefetch("active", 31.0, true), "Celecoxib 200 MG Oral Capsule");

        assertThat(cards.getList("cards")).hasSize(1);
        assertThat(cards.getString("cards[0].summary")).isEqualTo(
                "Pregnancy warning: celecoxib at 31 weeks — premature closure of the fetal ductus arteriosus: avoid");
        assertThat(cards.getString("cards[0].indicator")).isEqualTo("warning");
        assertThat(cards.getString("cards[0].detail")).contains("avoid celecoxib use at about 30 weeks of gestation")
                .contains("from 30 weeks of gestation");
        assertThat(cards.getString("cards[0].source.label")).contains("12c2b345-bf1c-4661-85a8-257c4af2bda5");
    }

    @Test
    void withoutAGestationalAgeTheCardSaysItIsUnknownAndTheKeyIsNotRequired() {
        // The gestationalAge key is not sent at all and there is no fhirServer: screening goes on (no 412).
        JsonPath cards = sign(prefetch("active", null, false), "Celecoxib 200 MG Oral Capsule");

        assertThat(cards.getList("cards")).hasSize(1);
        assertThat(cards.getString("cards[0].indicator")).isEqualTo("info");
        assertThat(cards.getString("cards[0].summary")).contains("gestational age unknown");
        assertThat(cards.getString("cards[0].detail")).contains("has not guessed")
                .contains("From 20 to before 30 weeks of gestation (moderate)")
                .contains("From 30 weeks of gestation (major)");
    }

    @Test
    void warfarinIsContraindicatedWithTheValveExceptionAndSilentOnceThePregnancyIsResolved() {
        JsonPath active = sign(prefetch("active", null, true), "Warfarin Sodium 5 MG Oral Tablet");
        assertThat(active.getString("cards[0].indicator")).isEqualTo("critical");
        assertThat(active.getString("cards[0].summary")).startsWith("Contraindicated in pregnancy: warfarin");
        assertThat(active.getString("cards[0].detail")).contains("mechanical heart valves");

        assertThat(sign(prefetch("resolved", null, true), "Warfarin Sodium 5 MG Oral Tablet").getList("cards"))
                .isEmpty();
    }
}
