package org.medsafety.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** Bound to a non-loopback address, the service refuses the documented local users even with the right password. */
@QuarkusTest
@TestProfile(LocalUsersOffLoopbackTest.AllInterfaces.class)
class LocalUsersOffLoopbackTest {

    public static class AllInterfaces implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Off loopback the service needs its registry of trusted EHRs to start at all.
            return Map.of("quarkus.http.host", "0.0.0.0",
                    "medsafety.cds-clients.file", "src/test/resources/cds-clients/static-clients.json",
                    "medsafety.public-base-url", "https://cds.example.org");
        }
    }

    @Test
    void theDocumentedAuditorIsRefused() {
        given().auth().basic("auditor", "auditor").queryParam("patientId", "x")
                .when().get("/audit/evaluations").then().statusCode(401);
    }
}
