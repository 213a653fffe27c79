package org.medsafety.admin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Local tuning: disable or lower with a reason, shown on the card; never for the ONC high-priority pairs. */
@QuarkusTest
class LocalTuningTest {

    static final String SIGN = "/cds-services/medication-safety-sign";
    private String original;

    @BeforeEach
    void rememberActive() {
        original = RulesetLifecycleTest.activeVersion();
    }

    @AfterEach
    void restoreActive() {
        RulesetLifecycleTest.pharmacistAction().queryParam("reason", "test cleanup")
                .when().post("/admin/rulesets/" + original + "/activate").then().statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse tune(Map<String, String> change) {
        return RulesetLifecycleTest.pharmacist().contentType(ContentType.JSON).body(change)
                .when().post("/admin/tuning").then();
    }

    @Test
    void loweringAnInteractionShowsOnTheCardWithItsReason() {
        tune(Map.of("target", "DDI-WARFARIN-NSAID", "action", "lower", "severity", "moderate",
                "reason", "Anticoagulation clinic reviews every NSAID course")).statusCode(200)
                .body("status", equalTo("active"));
        given().contentType(ContentType.JSON).body(RulesetLifecycleTest.naproxenForWarfarinPatient())
                .when().post(SIGN).then().statusCode(200)
                .body("cards.find { it.extension.'org.medsafety.finding'.knowledgeId == 'DDI-WARFARIN-NSAID' }.source.label",
                        containsString("local tuning: lowered from major to moderate by pharmacist: "
                                + "Anticoagulation clinic reviews every NSAID course"))
                .body("cards.find { it.extension.'org.medsafety.finding'.knowledgeId == 'DDI-WARFARIN-NSAID' }"
                        + ".extension.'org.medsafety.finding'.severity", equalTo("moderate"));
        RulesetLifecycleTest.pharmacist().when().get("/admin/tuning").then().statusCode(200)
                .body("target", hasItem("DDI-WARFARIN-NSAID"));
    }

    @Test
    void disablingARowSilencesItAndUndoingBringsItBack() {
        tune(Map.of("target", "DDI-WARFARIN-NSAID", "action", "disable", "reason", "test of disable")).statusCode(200);
        given().contentType(ContentType.JSON).body(RulesetLifecycleTest.naproxenForWarfarinPatient())
                .when().post(SIGN).then().statusCode(200)
                .body("cards.extension.'org.medsafety.finding'.knowledgeId", not(hasItem("DDI-WARFARIN-NSAID")));
        RulesetLifecycleTest.pharmacistAction().queryParam("reason", "undo").when().delete("/admin/tuning/DDI-WARFARIN-NSAID")
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body(RulesetLifecycleTest.naproxenForWarfarinPatient())
                .when().post(SIGN).then().statusCode(200)
                .body("cards.extension.'org.medsafety.finding'.knowledgeId", hasItem("DDI-WARFARIN-NSAID"));
    }

    @Test
    void anOncHighPriorityInteractionCannotBeDisabledOrLowered() {
        tune(Map.of("target", "DDI-ONC-08", "action", "disable", "reason", "too noisy")).statusCode(422)
                .body("problems[0].message", containsString("ONC high-priority"));
        tune(Map.of("target", "DDI-ONC-08", "action", "lower", "severity", "minor", "reason", "too noisy"))
                .statusCode(422);
        tune(Map.of("target", "DDI-TABLE", "action", "disable", "reason", "too noisy")).statusCode(422)
                .body("problems[0].message", containsString("cannot be disabled"));
    }

    @Test
    void everyTuningNeedsAReason() {
        tune(Map.of("target", "DDI-WARFARIN-NSAID", "action", "disable")).statusCode(400)
                .body("issue[0].diagnostics", containsString("reason"));
    }

    @Test
    void aSeverityCanOnlyBeLowered() {
        tune(Map.of("target", "DDI-WARFARIN-NSAID", "action", "lower", "severity", "contraindicated",
                "reason", "raise it")).statusCode(422).body("problems[0].message", containsString("not lower"));
    }
}
