package org.medsafety.errors;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.medsafety.testing.Fixtures;
import org.medsafety.testing.HookRequests;
import org.medsafety.testing.LogCapture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * Each failure kind, triggered by a real request, answers its status and its stable code in an OperationOutcome:
 * the code in {@code issue[0].details.coding} and at the start of the diagnostics, and no stack trace.
 */
@QuarkusTest
class ErrorResponsesHttpTest {

    static final String SIGN = "/cds-services/medication-safety-sign";
    static final String NO_VERSION = "0".repeat(64);

    private static ValidatableResponse refused(ValidatableResponse answer, ErrorCode code) {
        return answer.statusCode(code.status()).contentType(ContentType.JSON)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].severity", equalTo("error"))
                .body("issue[0].code", equalTo(code.issueCode()))
                .body("issue[0].details.coding[0].system", equalTo("urn:medsafety:error-code"))
                .body("issue[0].details.coding[0].code", equalTo(code.code()))
                .body("issue[0].details.coding[0].display", equalTo(code.title()))
                .body("issue[0].diagnostics", startsWith(code.code() + ": "))
                .body(not(containsString("Exception")))
                .body(not(containsString("at org.")));
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user);
    }

    @Test
    void requestContentThatIsWrongNamesTheField() {
        refused(given().contentType(ContentType.JSON).body("{}").when().post(SIGN).then(), ErrorCode.INVALID_REQUEST)
                .body("issue[0].diagnostics", containsString("hook"));
    }

    @Test
    void aBodyThatIsNotJsonIsMalformed() {
        refused(given().contentType(ContentType.JSON).body("{not json").when().post(SIGN).then(),
                ErrorCode.MALFORMED_BODY).body("issue[0].diagnostics", containsString("not valid JSON"));
    }

    @Test
    void anAdminBodyJacksonCannotReadIsMalformedWithoutQuotingIt() {
        refused(as("pharmacist").contentType(ContentType.JSON).body("{\"target\": \"secret-value")
                .when().post("/admin/tuning").then(), ErrorCode.MALFORMED_BODY)
                .body(not(containsString("secret-value")));
    }

    @Test
    void aRequestOverALimitNamesTheLimit() {
        String deep = "[".repeat(1000) + "]".repeat(1000);
        refused(given().contentType(ContentType.JSON).body(deep).when().post(SIGN).then(), ErrorCode.REQUEST_OVER_LIMIT)
                .body("issue[0].diagnostics", containsString("nested deeper"));
    }

    @Test
    void anInvalidParameterIsNamed() {
        refused(as("auditor").queryParam("limit", 0).when().get("/audit/evaluations").then(),
                ErrorCode.INVALID_PARAMETER).body("issue[0].diagnostics", containsString("limit"));
    }

    @Test
    void aParameterThatCannotBeReadIsAnInvalidParameterNotAMissingPage() {
        refused(as("auditor").queryParam("limit", "many").when().get("/audit/evaluations").then(),
                ErrorCode.INVALID_PARAMETER);
    }

    @Test
    void anUploadThatIsNotAZipIsAnInvalidArchive() {
        refused(as("pharmacist").contentType("application/zip").body("not a zip".getBytes(StandardCharsets.UTF_8))
                .when().post("/admin/rulesets").then(), ErrorCode.INVALID_RULESET_ARCHIVE);
    }

    @Test
    void staffWithoutCredentialsMustSignIn() {
        refused(given().when().get("/admin/rulesets").then(), ErrorCode.NOT_AUTHENTICATED)
                .header("WWW-Authenticate", containsStringIgnoringCase("basic"));
    }

    @Test
    void aRoleThatMayNotIsRefused() {
        refused(as("auditor").when().get("/admin/rulesets").then(), ErrorCode.ROLE_NOT_ALLOWED);
        refused(as("pharmacist").queryParam("groupBy", "user").when().get("/audit/stats").then(),
                ErrorCode.ROLE_NOT_ALLOWED).body("issue[0].diagnostics", containsString("auditors"));
    }

    @Test
    void crossSiteAndUnmarkedAdminWritesAreRefused() {
        refused(as("pharmacist").header("Sec-Fetch-Site", "cross-site").header("X-Requested-By", "x")
                .when().post("/admin/rulesets/reload").then(), ErrorCode.ADMIN_WRITE_CROSS_SITE);
        refused(as("pharmacist").when().post("/admin/rulesets/reload").then(), ErrorCode.ADMIN_WRITE_WITHOUT_MARKER)
                .body("issue[0].diagnostics", containsString("X-Requested-By"));
    }

    @Test
    void unknownThingsAreNotFoundEachWithItsCode() {
        refused(given().contentType(ContentType.JSON).body("{}").when().post("/cds-services/no-such-service").then(),
                ErrorCode.UNKNOWN_SERVICE);
        String feedback = "{\"feedback\":[{\"card\":\"" + UUID.randomUUID()
                + "\",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"2026-11-25T12:00:00Z\"}]}";
        refused(given().contentType(ContentType.JSON).body(feedback).when().post(SIGN + "/feedback").then(),
                ErrorCode.UNKNOWN_CARD);
        refused(as("auditor").when().get("/audit/evaluations/987654321").then(), ErrorCode.UNKNOWN_EVALUATION);
        refused(as("pharmacist").when().get("/admin/rulesets/" + NO_VERSION).then(),
                ErrorCode.UNKNOWN_RULESET_VERSION);
        refused(as("pharmacist").header("X-Requested-By", "test").queryParam("reason", "none there")
                .when().delete("/admin/tuning/NO-SUCH-RULE").then(), ErrorCode.UNKNOWN_TUNING);
        refused(given().when().get("/no-such-endpoint").then(), ErrorCode.UNKNOWN_PATH);
        refused(given().when().get("/cds-services/medication-safety-sign/no/such/thing").then(),
                ErrorCode.UNKNOWN_PATH);
    }

    @Test
    void wrongMethodAcceptOrContentTypeAreAnsweredByTheirCodes() {
        refused(given().when().delete("/cds-services").then(), ErrorCode.METHOD_NOT_ALLOWED);
        refused(given().accept("application/xml").when().get("/cds-services").then(), ErrorCode.NOT_ACCEPTABLE);
        refused(as("pharmacist").header("X-Requested-By", "test").contentType("text/plain").body("disable it")
                .when().post("/admin/tuning").then(), ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void aTuningMadeOnAVersionNoLongerActiveIsAConflict() {
        refused(as("pharmacist").header("If-Match", "\"" + NO_VERSION + "\"").contentType(ContentType.JSON)
                .body("{\"target\":\"DDI-TABLE\",\"action\":\"disable\",\"reason\":\"conflict test\"}")
                .when().post("/admin/tuning").then(), ErrorCode.RULESET_CHANGED)
                .body("issue[0].diagnostics", containsString(NO_VERSION));
    }

    @Test
    void dataNeitherPrefetchedNorReadableIsAPreconditionFailure() {
        String request = HookRequests.orderSign("errors-" + UUID.randomUUID(), null,
                Fixtures.draftOrder("o-1", "855332", "Warfarin Sodium 5 MG Oral Tablet", 1.0, "tablet", 1, 1.0, "d"))
                .toString();
        refused(given().contentType(ContentType.JSON).body(request).when().post(SIGN).then(),
                ErrorCode.REQUIRED_DATA_NOT_SENT).body("issue[0].diagnostics", containsString("not prefetched"));
    }

    @Test
    void aBodyOverTheLimitIsTooLarge() {
        byte[] big = new byte[11 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        refused(given().contentType(ContentType.JSON).body(big).when().post(SIGN).then(), ErrorCode.BODY_TOO_LARGE);
    }

    @Test
    void aReplayOfARulesetThatDoesNotCompileIsUnprocessable() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("rules/common/broken.drl"));
            out.write("package broken; rule \"x\" when then oops(".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("knowledge-base/ingredients.csv"));
            out.write("rxcui,name\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        refused(as("pharmacist").contentType("application/zip").body(zip.toByteArray())
                .when().post("/admin/rulesets/replay").then(), ErrorCode.RULESET_DOES_NOT_COMPILE);
    }

    @Test
    void anUnexpectedFailureSaysNothingOfItselfAndIsLoggedWithoutItsMessage() {
        try (LogCapture log = new LogCapture()) {
            Response answer = new ErrorResponses().unexpected(
                    new IllegalStateException("patient p-4711 at https://fhir.example/Patient/p-4711"));
            assertThat(answer.getStatus()).isEqualTo(500);
            OperationOutcome body = (OperationOutcome) answer.getEntity();
            assertThat(body.issue().get(0).details().coding().get(0).code()).isEqualTo("MS-1901");
            assertThat(body.issue().get(0).diagnostics()).startsWith("MS-1901: ").doesNotContain("p-4711");
            assertThat(log.lines()).anyMatch(l -> l.contains("IllegalStateException"))
                    .noneMatch(l -> l.contains("p-4711"));
        }
    }
}
