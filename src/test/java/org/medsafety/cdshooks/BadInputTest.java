package org.medsafety.cdshooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medsafety.testing.Fixtures;
import org.medsafety.testing.HookRequests;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

/** Bad input gets a clear 4xx with a JSON body, never a 5xx or a stack trace, and leaves no audit row. */
@QuarkusTest
class BadInputTest {

    static final String SIGN = "/cds-services/medication-safety-sign";
    static final String SELECT = "/cds-services/medication-safety-select";

    private String patientId;

    @BeforeEach
    void uniquePatient() {
        patientId = "bad-input-" + UUID.randomUUID();
    }

    @AfterEach
    void nothingWasRecorded() {
        given().auth().basic("auditor", "auditor").queryParam("patientId", patientId)
                .when().get("/audit/evaluations").then().statusCode(200).body("items", hasSize(0));
    }

    private ObjectNode validSign() {
        ObjectNode request = HookRequests.orderSign(patientId, null,
                Fixtures.draftOrder("o-1", "855332", "Warfarin Sodium 5 MG Oral Tablet", 1.0, "tablet", 1, 1.0, "d"));
        ObjectNode prefetch = request.putObject("prefetch");
        CdsServiceCatalog.PREFETCH.keySet().forEach(prefetch::putNull);
        return request;
    }

    private static ValidatableResponse post(String path, String body, int status, String diagnostics) {
        return given().contentType(ContentType.JSON).body(body).when().post(path).then().statusCode(status)
                .contentType(ContentType.JSON)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].severity", equalTo("error"))
                .body("issue[0].diagnostics", containsString(diagnostics))
                .body(not(containsString("Exception")));
    }

    @Test
    void theValidBaselineIsAccepted() {
        given().contentType(ContentType.JSON).body(validSign().toString()).when().post(SIGN).then().statusCode(200);
        // this one is recorded: check it, then let the @AfterEach look at another patient
        given().auth().basic("auditor", "auditor").queryParam("patientId", patientId)
                .when().get("/audit/evaluations").then().body("items", hasSize(1));
        patientId = "bad-input-" + UUID.randomUUID();
    }

    @Test
    void malformedJson() {
        post(SIGN, "{\"hook\": \"order-sign\", \"hookInstance\": ", 400, "not valid JSON");
    }

    @Test
    void emptyBody() {
        given().contentType(ContentType.JSON).when().post(SIGN).then().statusCode(400)
                .body("issue[0].diagnostics", containsString("empty"));
    }

    @Test
    void bodyIsNotAnObject() {
        post(SIGN, "[1, 2, 3]", 400, "must be a JSON object");
    }

    @Test
    void wrongHookForTheService() {
        ObjectNode request = validSign();
        request.put("hook", "order-select");
        post(SIGN, request.toString(), 400, "hook 'order-select' does not match service 'medication-safety-sign'");
    }

    @Test
    void missingHookInstance() {
        ObjectNode request = validSign();
        request.remove("hookInstance");
        post(SIGN, request.toString(), 400, "hookInstance is required");
    }

    @Test
    void hookInstanceThatIsNotAUuid() {
        ObjectNode request = validSign();
        request.put("hookInstance", "12345");
        post(SIGN, request.toString(), 400, "hookInstance must be a UUID");
    }

    @Test
    void missingPatientId() {
        ObjectNode request = validSign();
        ((ObjectNode) request.get("context")).remove("patientId");
        post(SIGN, request.toString(), 400, "context.patientId is required");
    }

    @Test
    void missingContext() {
        ObjectNode request = validSign();
        request.remove("context");
        post(SIGN, request.toString(), 400, "context is required");
    }

    @Test
    void draftOrdersOfTheWrongType() {
        ObjectNode request = validSign();
        ((ObjectNode) request.get("context")).putArray("draftOrders").addObject().put("resourceType", "MedicationRequest");
        post(SIGN, request.toString(), 400, "context.draftOrders is required and must be a FHIR Bundle");
    }

    @Test
    void draftOrdersThatIsAResourceButNotABundle() {
        ObjectNode request = validSign();
        ((ObjectNode) request.get("context")).putObject("draftOrders").put("resourceType", "MedicationRequest");
        post(SIGN, request.toString(), 400, "must be a FHIR Bundle");
    }

    @Test
    void orderSelectWithoutSelections() {
        ObjectNode request = validSign();
        request.put("hook", "order-select");
        post(SELECT, request.toString(), 400, "context.selections is required for order-select");
    }

    @Test
    void orderSelectSelectingSomethingNotInDraftOrders() {
        ObjectNode request = HookRequests.orderSelect(patientId, validSign().get("prefetch"),
                List.of("MedicationRequest/elsewhere"),
                Fixtures.draftOrder("o-1", "855332", "Warfarin Sodium 5 MG Oral Tablet", 1.0, "tablet", 1, 1.0, "d"));
        post(SELECT, request.toString(), 400, "'MedicationRequest/elsewhere' is not a resource in context.draftOrders");
    }

    @Test
    void fhirAuthorizationWithoutFhirServer() {
        ObjectNode request = validSign();
        request.putObject("fhirAuthorization").put("access_token", "secret-token").put("token_type", "Bearer");
        post(SIGN, request.toString(), 400, "fhirServer is required").body(not(containsString("secret-token")));
    }

    @Test
    void prefetchValueThatIsNotAResource() {
        ObjectNode request = validSign();
        ((ObjectNode) request.get("prefetch")).put("patient", "Patient/123");
        post(SIGN, request.toString(), 400, "prefetch.patient must be a FHIR resource, a Bundle, or null");
    }

    @Test
    void unknownService() {
        post("/cds-services/no-such-service", validSign().toString(), 404, "no CDS service with id 'no-such-service'");
    }

    @Test
    void bodyOverTenMegabytes() {
        String padding = "x".repeat(10 * 1024 * 1024 + 1);
        ObjectNode request = validSign();
        request.putObject("extension").put("org.example.padding", padding);
        given().contentType(ContentType.JSON).body(request.toString()).when().post(SIGN).then().statusCode(413)
                .contentType(ContentType.JSON).body("issue[0].diagnostics", containsString("10 MB limit"));
    }
}
