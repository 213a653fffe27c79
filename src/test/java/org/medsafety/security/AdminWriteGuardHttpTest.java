package org.medsafety.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A page on another site cannot make a signed-in pharmacist's or records officer's browser reload, activate or
 * purge (review A12): forms, text and empty bodies need X-Requested-By; a browser's cross-site mark is refused.
 */
@QuarkusTest
class AdminWriteGuardHttpTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    private String active;

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user);
    }

    private static long newestAdminAction() {
        Integer id = as("auditor").queryParam("limit", 1).when().get("/admin/actions").then().statusCode(200)
                .extract().path("[0].id");
        return id == null ? 0 : id;
    }

    @BeforeEach
    void rememberActive() {
        active = as("pharmacist").when().get("/admin/rulesets/active").then().statusCode(200).extract().path("version");
    }

    @Test
    void crossSiteFormPostsChangeNothing() {
        long before = newestAdminAction();
        as("pharmacist").contentType(FORM).formParam("reason", "x").when().post("/admin/rulesets/reload")
                .then().statusCode(403).contentType("application/json")
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString("X-Requested-By"));
        as("pharmacist").contentType(FORM).formParam("reason", "x").when().post("/admin/rulesets/" + active + "/activate")
                .then().statusCode(403);
        as("records-officer").contentType(FORM).formParam("reason", "x").when().post("/admin/audit/purge")
                .then().statusCode(403);
        as("pharmacist").contentType("text/plain").body("{}").queryParam("reason", "x")
                .when().delete("/admin/tuning/DDI-WARFARIN-NSAID").then().statusCode(403);
        as("pharmacist").when().post("/admin/rulesets/validate").then().statusCode(403);
        assertThat(newestAdminAction()).isEqualTo(before);
    }

    @Test
    void theSameRequestsWithTheHeaderWork() {
        long before = newestAdminAction();
        as("pharmacist").header("X-Requested-By", "curl").queryParam("reason", "write guard test")
                .when().post("/admin/rulesets/reload").then().statusCode(200).body("status", equalTo("active"));
        as("pharmacist").header("X-Requested-By", "curl").queryParam("reason", "write guard test")
                .when().post("/admin/rulesets/" + active + "/activate").then().statusCode(200);
        as("records-officer").header("X-Requested-By", "curl").queryParam("reason", "write guard test")
                .when().post("/admin/audit/purge").then().statusCode(200).body("purged", equalTo(0));
        assertThat(newestAdminAction()).isGreaterThan(before);
    }

    @Test
    void aRequestTheBrowserMarksCrossSiteIsRefusedEvenWithTheHeaderAndJson() {
        long before = newestAdminAction();
        as("records-officer").header("X-Requested-By", "x").header("Sec-Fetch-Site", "cross-site")
                .queryParam("reason", "x").when().post("/admin/audit/purge")
                .then().statusCode(403).body("issue[0].diagnostics", containsString("cross-site"));
        as("pharmacist").header("Sec-Fetch-Site", "cross-site").contentType("application/json")
                .body("{\"target\":\"DDI-WARFARIN-NSAID\",\"action\":\"disable\",\"reason\":\"x\"}")
                .when().post("/admin/tuning").then().statusCode(403);
        assertThat(newestAdminAction()).isEqualTo(before);
    }

    @Test
    void readsAndTheCdsEndpointsAreUntouched() {
        as("pharmacist").header("Sec-Fetch-Site", "cross-site").when().get("/admin/rulesets/active")
                .then().statusCode(200);
        // A browser EHR on another site calls the CDS services; the admin rule must not apply there.
        given().header("Sec-Fetch-Site", "cross-site").contentType("application/json").body("{}")
                .when().post("/cds-services/medication-safety-sign").then().statusCode(400);
    }
}
