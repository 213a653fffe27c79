package org.medsafety.cdshooks;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

@QuarkusTest
class DiscoveryTest {

    @Test
    void listsOneServiceForOrderSelectAndOneForOrderSign() {
        given().when().get("/cds-services").then().statusCode(200)
                .body("services.hook", containsInAnyOrder("order-select", "order-sign"))
                .body("services.id", containsInAnyOrder("medication-safety-select", "medication-safety-sign"))
                .body("services.title", everyItem(not(emptyOrNullString())))
                .body("services.description", everyItem(not(emptyOrNullString())));
    }

    @Test
    void prefetchAsksForWhatTheChecksNeedUsingOnlySpecTokens() {
        given().when().get("/cds-services").then().statusCode(200)
                .body("services[0].prefetch.keySet()", hasItems("patient", "medications", "allergies", "conditions",
                        "weight", "height", "creatinine", "egfr", "gestationalAge"))
                .body("services[0].prefetch.patient", org.hamcrest.Matchers.equalTo("Patient/{{context.patientId}}"));
    }

    @Test
    void everyPrefetchTokenIsARootLevelContextFieldOrAUserToken() {
        List<Map<String, String>> prefetches = given().when().get("/cds-services").then().statusCode(200)
                .extract().jsonPath().getList("services.prefetch");
        assertThat(prefetches).hasSize(2).allSatisfy(p -> assertThat(p.values()).allSatisfy(template ->
                assertThat(SPEC_TOKENS.matcher(template).replaceAll("")).doesNotContain("{{").doesNotContain("}}")));
    }

    private static final Pattern SPEC_TOKENS = Pattern.compile(
            "\\{\\{(context\\.(patientId|userId|encounterId)|userPractitionerId|userPractitionerRoleId|userPatientId|userRelatedPersonId)}}");
}
