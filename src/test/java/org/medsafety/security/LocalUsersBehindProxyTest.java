package org.medsafety.security;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

/**
 * A reverse proxy on the same host reaches the service on 127.0.0.1, so the bind address alone would expose the
 * documented passwords to the network (review A10): a request with a proxy header never signs in as a local user.
 */
@QuarkusTest
class LocalUsersBehindProxyTest {

    @Test
    void aDirectLoopbackRequestSignsIn() {
        given().auth().preemptive().basic("auditor", "auditor").when().get("/audit/integrity").then().statusCode(200);
    }

    @Test
    void theSameRequestThroughAProxyIsRefused() {
        given().auth().preemptive().basic("auditor", "auditor").header("X-Forwarded-For", "203.0.113.7")
                .when().get("/audit/integrity").then().statusCode(401);
        given().auth().preemptive().basic("auditor", "auditor").header("Forwarded", "for=203.0.113.7;proto=https")
                .when().get("/audit/evaluations").then().statusCode(401);
        given().auth().preemptive().basic("pharmacist", "pharmacist").header("X-Forwarded-For", "203.0.113.7")
                .when().get("/admin/rulesets/active").then().statusCode(401);
        given().auth().preemptive().basic("records-officer", "records-officer").header("X-Real-IP", "203.0.113.7")
                .header("X-Requested-By", "x").queryParam("reason", "x")
                .when().post("/admin/audit/purge").then().statusCode(401);
    }
}
