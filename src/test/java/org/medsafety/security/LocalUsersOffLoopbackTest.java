package org.medsafety.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * Bound to a non-loopback address, the service refuses the documented local users even with the right password
 * (review A11), and answers browsers only from the configured origins (review A13).
 */
@QuarkusTest
@TestProfile(LocalUsersOffLoopbackTest.AllInterfaces.class)
class LocalUsersOffLoopbackTest {

    static final String EHR = "https://ehr.example.org";

    public static class AllInterfaces implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.host", "0.0.0.0",
                    "medsafety.cors.origins", EHR,
                    // Off loopback the service needs its trusted EHRs and its public URL (CDS client JWTs).
                    "medsafety.cds-clients.file", "src/test/resources/cds-clients/static-clients.json",
                    "medsafety.public-base-url", "https://cds.example.org",
                    // ...and a key outside the database to sign the audit checkpoints with.
                    "medsafety.audit.signing-key", signingKey());
        }

        static String signingKey() {
            java.nio.file.Path key = java.nio.file.Path.of("target/test-audit/off-loopback-signing-key.pem");
            org.medsafety.audit.AuditSigningKey.createIfAbsent(key);
            return key.toString();
        }
    }

    @Test
    void theDocumentedAuditorIsRefused() {
        given().auth().basic("auditor", "auditor").queryParam("patientId", "x")
                .when().get("/audit/evaluations").then().statusCode(401);
    }

    @Test
    void theDocumentedPharmacistAndRecordsOfficerAreRefused() {
        given().auth().preemptive().basic("pharmacist", "pharmacist").when().get("/admin/rulesets/active")
                .then().statusCode(401);
        given().auth().preemptive().basic("pharmacist", "pharmacist").header("X-Requested-By", "x")
                .queryParam("reason", "x").when().post("/admin/audit/purge").then().statusCode(401);
        given().auth().preemptive().basic("records-officer", "records-officer").header("X-Requested-By", "x")
                .queryParam("reason", "x").when().post("/admin/audit/purge").then().statusCode(401);
    }

    @Test
    void theApiDescriptionAndSwaggerUiAreOpenOffLoopbackAndHoldNoConfiguration() {
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/cds-services/{id}"))
                .body(not(containsString("static-clients")), not(containsString("signing-key")),
                        not(containsString("cds.example.org")));
        given().redirects().follow(true).when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void aPreflightFromAnOriginNotConfiguredIsNotAllowed() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .when().options("/cds-services/medication-safety-sign")
                .then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aSimpleRequestFromAnOriginNotConfiguredGetsNoAllowOrigin() {
        given().header("Origin", "https://evil.example").when().get("/cds-services")
                .then().header("Access-Control-Allow-Origin", not(equalTo("https://evil.example")));
    }

    @Test
    void aPreflightFromTheConfiguredOriginIsAllowed() {
        given().header("Origin", EHR)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,authorization")
                .when().options("/cds-services/medication-safety-sign")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", EHR)
                .header("Access-Control-Allow-Credentials", not(equalTo("true")));
    }
}
