package org.medsafety.cdshooks;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;

/** Quick-start access: CDS calls open on loopback, audit behind the documented local users, CORS for browser EHRs. */
@QuarkusTest
class AccessTest {

    @Test
    void auditNeedsCredentials() {
        given().queryParam("patientId", "x").when().get("/audit/evaluations").then().statusCode(401);
    }

    @Test
    void auditRefusesThePharmacistRole() {
        given().auth().basic("pharmacist", "pharmacist").queryParam("patientId", "x")
                .when().get("/audit/evaluations").then().statusCode(403);
    }

    @Test
    void auditRefusesAWrongPassword() {
        given().auth().basic("auditor", "wrong").queryParam("patientId", "x")
                .when().get("/audit/evaluations").then().statusCode(401);
    }

    @Test
    void auditorsReadTheTrail() {
        given().auth().basic("auditor", "auditor").queryParam("patientId", "x")
                .when().get("/audit/evaluations").then().statusCode(200).body("next", equalTo(null));
    }

    @Test
    void anAuditQueryWithABadFilterIsAClear400() {
        given().auth().basic("auditor", "auditor").queryParam("outcome", "ignored").when().get("/audit/evaluations")
                .then().statusCode(400)
                .body("issue[0].diagnostics", containsString("outcome must be accepted, overridden or none"));
    }

    @Test
    void withoutStaffSignInABearerTokenIsNoStaffCredentialAndNoObstacleToCdsCalls() {
        given().auth().oauth2("eyJhbGciOiJSUzI1NiJ9.e30.c2ln").when().get("/admin/rulesets").then().statusCode(401);
        given().auth().oauth2("eyJhbGciOiJSUzI1NiJ9.e30.c2ln").when().get("/cds-services").then().statusCode(200);
    }

    @Test
    void crossOriginRequestsNeverCarryCredentials() {
        given().header("Origin", "https://ehr.example.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .when().options("/admin/rulesets/reload")
                .then().header("Access-Control-Allow-Credentials", org.hamcrest.Matchers.not(equalTo("true")));
    }

    @Test
    void browserEhrsGetCorsPreflightAnswers() {
        given().header("Origin", "https://ehr.example.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,authorization")
                .when().options("/cds-services/medication-safety-sign")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://ehr.example.org")
                .header("Access-Control-Allow-Methods", containsString("POST"));
    }

    @Test
    void discoveryCarriesCorsHeadersForBrowserEhrs() {
        given().header("Origin", "https://ehr.example.org").when().get("/cds-services")
                .then().statusCode(200).header("Access-Control-Allow-Origin", "https://ehr.example.org");
    }
}
