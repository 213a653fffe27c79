package org.medsafety.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.medsafety.cdshooks.OrderSignWithSyntheaTestAccess;
import org.medsafety.testing.Fixtures;
import org.medsafety.testing.HookRequests;
import org.medsafety.testing.LogCapture;
import org.medsafety.testing.TestEhr;
import org.medsafety.testing.TrustedClientsProfile;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.medsafety.testing.TestEhr.bearer;

/**
 * With a clients file, only registered EHRs get alerts: each service and feedback call carries the EHR's signed
 * JWT, used once, for the endpoint it names; anything else is a bare 401 and leaves no trace in the audit trail
 * but the log line saying why.
 */
@QuarkusTest
@TestProfile(TrustedClientsProfile.class)
class CdsClientAuthenticationTest {

    static final String SIGN = "/cds-services/medication-safety-sign";
    static final String SELECT = "/cds-services/medication-safety-select";

    private final TestEhr ehr = TrustedClientsProfile.epicLike();
    private final TestEhr otherEhr = TrustedClientsProfile.cernerLike();

    private static String audience(String path) {
        return TrustedClientsProfile.PUBLIC_BASE + path;
    }

    private static ObjectNode warfarinOrder(String patientId) {
        ObjectNode request = HookRequests.orderSign(patientId, null,
                Fixtures.draftOrder("o-1", "855332", "Warfarin Sodium 5 MG Oral Tablet", 1.0, "tablet", 1, 1.0, "d"));
        ObjectNode prefetch = request.putObject("prefetch");
        OrderSignWithSyntheaTestAccess.prefetchKeys().forEach(prefetch::putNull);
        return request;
    }

    private static ValidatableResponse post(String path, String authorization, String body) {
        var spec = given().contentType(ContentType.JSON).body(body);
        if (authorization != null) {
            spec = spec.header("Authorization", authorization);
        }
        return spec.when().post(path).then();
    }

    private static void recorded(String patientId, int count) {
        given().auth().basic("auditor", "auditor").queryParam("patientId", patientId)
                .when().get("/audit/evaluations").then().statusCode(200).body("items", hasSize(count));
    }

    private static void notAccepted(ValidatableResponse response) {
        response.statusCode(401).header("WWW-Authenticate", "Bearer")
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].details.coding[0].code", equalTo("MS-1101"))
                .body("issue[0].diagnostics", equalTo("MS-1101: the bearer token was not accepted"));
    }

    @Test
    void discoveryStaysOpenAsTheSpecificationAllows() {
        given().when().get("/cds-services").then().statusCode(200).body("services", hasSize(2));
    }

    @Test
    void aRegisteredEhrGetsItsAlertsAndTheAuditRecordNamesIt() {
        String patient = "trusted-" + UUID.randomUUID();
        post(SIGN, bearer(ehr.token(audience(SIGN))), warfarinOrder(patient).toString()).statusCode(200);
        given().auth().basic("auditor", "auditor").queryParam("patientId", patient)
                .when().get("/audit/evaluations").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].client.iss", equalTo(ehr.iss()));
    }

    @Test
    void anRs384EhrWithATenantIsRecordedWithIt() {
        String patient = "trusted-" + UUID.randomUUID();
        String token = otherEhr.token(audience(SIGN), c -> c.setClaim("tenant", "north-campus"), h -> { });
        post(SIGN, bearer(token), warfarinOrder(patient).toString()).statusCode(200);
        given().auth().basic("auditor", "auditor").queryParam("patientId", patient)
                .when().get("/audit/evaluations").then()
                .body("items[0].client.iss", equalTo(otherEhr.iss()))
                .body("items[0].client.tenant", equalTo("north-campus"));
    }

    @Test
    void noTokenIsABare401AndNothingIsRecorded() {
        String patient = "untrusted-" + UUID.randomUUID();
        notAccepted(post(SIGN, null, warfarinOrder(patient).toString()));
        notAccepted(post(SIGN, "Basic YXVkaXRvcjphdWRpdG9y", warfarinOrder(patient).toString()));
        recorded(patient, 0);
    }

    @Test
    void refusedTokensLeaveNoRecordAndTheLogSaysWhyWithoutTheToken() {
        String patient = "untrusted-" + UUID.randomUUID();
        List<String> tokens = List.of(
                ehr.token(audience(SELECT)), // another endpoint
                ehr.token("https://evil.example" + SIGN),
                TrustedClientsProfile.stranger().token(audience(SIGN)),
                ehr.token(audience(SIGN), c -> c.unsetClaim("jti"), h -> { }),
                ehr.token(audience(SIGN), c -> { }, h -> h.setKeyIdHeaderValue("unknown-kid")),
                ehr.token(audience(SIGN), c -> c.setExpirationTime(
                        org.jose4j.jwt.NumericDate.fromSeconds(java.time.Instant.now().getEpochSecond() + 7200)),
                        h -> { }));
        List<String> log;
        try (LogCapture capture = new LogCapture()) {
            for (String token : tokens) {
                notAccepted(post(SIGN, bearer(token), warfarinOrder(patient).toString()));
            }
            log = List.copyOf(capture.lines());
        }
        recorded(patient, 0);
        assertThat(log).anyMatch(l -> l.contains("aud is not this endpoint"))
                .anyMatch(l -> l.contains("iss is not a registered client"))
                .anyMatch(l -> l.contains("kid is not among the client's keys"))
                .anyMatch(l -> l.contains("exp is more than 5 minutes ahead"));
        assertThat(log).noneMatch(l -> tokens.stream().anyMatch(t -> l.contains(t.substring(t.lastIndexOf('.')))));
        assertThat(log).noneMatch(l -> l.contains(patient));
    }

    @Test
    void aReplayedTokenIsRefused() {
        String patient = "replay-" + UUID.randomUUID();
        String token = ehr.token(audience(SIGN));
        post(SIGN, bearer(token), warfarinOrder(patient).toString()).statusCode(200);
        notAccepted(post(SIGN, bearer(token), warfarinOrder(patient).toString()));
        recorded(patient, 1);
    }

    @Test
    void feedbackNeedsATokenAndComesOnlyFromTheEhrThatGotTheCard() {
        ObjectNode request = OrderSignWithSyntheaTestAccess.warfarinPatientOrderingNaproxen();
        String card = post(SIGN, bearer(ehr.token(audience(SIGN))), request.toString()).statusCode(200)
                .extract().jsonPath().getString("cards[0].uuid");
        String feedback = "{\"feedback\": [{\"card\": \"" + card + "\", \"outcome\": \"overridden\", "
                + "\"outcomeTimestamp\": \"2026-11-29T08:00:00Z\"}]}";
        String path = SIGN + "/feedback";
        notAccepted(post(path, null, feedback));
        notAccepted(post(path, bearer(ehr.token(audience(SIGN))), feedback)); // aud of the service, not feedback
        post(path, bearer(otherEhr.token(audience(path))), feedback).statusCode(404)
                .body("issue[0].diagnostics", not(containsString(ehr.iss())));
        post(path, bearer(ehr.token(audience(path))), feedback).statusCode(200).body("stored", equalTo(1));
    }
}
