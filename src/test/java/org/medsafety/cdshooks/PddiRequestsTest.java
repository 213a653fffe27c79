package org.medsafety.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medsafety.testing.Fixtures;
import org.medsafety.testing.HookRequests;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HL7 PDDI CDS implementation guide's own request fixtures (CC0), carried into CDS Hooks 2.0 shape: their
 * warfarin + ketorolac patient must get the warfarin–NSAID interaction card from both hooks.
 */
@QuarkusTest
class PddiRequestsTest {

    /** The fixture's FHIR content under this service's prefetch keys; what the fixture lacks is sent as null. */
    static ObjectNode adapt(String fixture) {
        JsonNode source = Fixtures.resource("/pddi/" + fixture + ".json");
        ObjectNode request = Fixtures.JSON.createObjectNode();
        request.put("hook", source.path("hook").asText()).put("hookInstance", source.path("hookInstance").asText());
        ObjectNode context = source.path("context").deepCopy();
        if (!context.has("userId")) {
            context.put("userId", source.path("user").asText("Practitioner/example"));
        }
        request.set("context", context);
        ObjectNode prefetch = request.putObject("prefetch");
        CdsServiceCatalog.PREFETCH.keySet().forEach(prefetch::putNull);
        ObjectNode bundle = Fixtures.JSON.createObjectNode().put("resourceType", "Bundle").put("type", "collection");
        source.path("prefetch").forEach(item -> {
            JsonNode resource = item.has("resource") ? item.get("resource") : item;
            if ("Bundle".equals(resource.path("resourceType").asText())) {
                resource.path("entry").forEach(e -> bundle.withArray("entry").add(e));
            } else if (resource.has("resourceType")) {
                bundle.withArray("entry").addObject().set("resource", resource);
            }
        });
        prefetch.set("medications", HookRequests.searchset(bundle, "MedicationRequest", null));
        prefetch.set("conditions", HookRequests.searchset(bundle, "Condition", null));
        prefetch.set("creatinine", HookRequests.searchset(bundle, "Observation", null));
        for (JsonNode e : bundle.path("entry")) {
            if ("Patient".equals(e.path("resource").path("resourceType").asText())) {
                prefetch.set("patient", e.path("resource"));
            }
        }
        return request;
    }

    static List<Map<String, Object>> cards(ObjectNode request) {
        String service = request.get("hook").asText().equals("order-select") ? "medication-safety-select"
                : "medication-safety-sign";
        JsonPath response = given().contentType(ContentType.JSON).body(request.toString())
                .when().post("/cds-services/" + service).then().statusCode(200).extract().jsonPath();
        return response.getList("cards");
    }

    @ParameterizedTest
    @ValueSource(strings = {"warfarin-nsaids-order-select-no-coordination", "warfarin-nsaids-order-sign-no-coordination",
            "warfarin-nsaids-order-select-coordination", "warfarin-nsaids-order-sign-coordination",
            "multi-update-draft-orders-1"})
    void ketorolacForAPatientOnWarfarinGetsTheBleedingInteraction(String fixture) {
        List<Map<String, Object>> cards = cards(adapt(fixture));
        assertThat(cards).anySatisfy(card -> {
            assertThat((String) card.get("summary")).contains("ketorolac + warfarin");
            assertThat(card.get("indicator")).isEqualTo("warning");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"digoxin-cyclosporine-order-sign-no-coordination",
            "digoxin-cyclosporine-order-select-no-coordination"})
    void aSecondDigoxinOrderForAPatientOnDigoxinIsADuplicate(String fixture) {
        List<Map<String, Object>> cards = cards(adapt(fixture));
        assertThat(cards).anySatisfy(card -> {
            assertThat((String) card.get("summary")).isEqualTo("Duplicate: digoxin is also in a current medication");
            assertThat(card.get("indicator")).isEqualTo("warning");
        });
    }
}
