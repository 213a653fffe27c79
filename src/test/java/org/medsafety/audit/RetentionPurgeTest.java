package org.medsafety.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.medsafety.admin.RulesetLifecycleTestAccess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Retention: expired records are exported, then purged, and the chain after them still verifies. */
@QuarkusTest
class RetentionPurgeTest {

    @Inject
    RetentionPurge purge;

    private static void evaluate() {
        given().contentType(ContentType.JSON).body(RulesetLifecycleTestAccess.naproxenRequest())
                .when().post("/cds-services/medication-safety-sign").then().statusCode(200);
    }

    @Test
    void expiredRecordsAreExportedThenPurgedAndTheChainStillVerifies() throws Exception {
        evaluate();
        evaluate();
        // As if the retention period had passed for everything recorded so far.
        RetentionPurge.Outcome outcome = purge.purge(Instant.now().plus(Duration.ofDays(3650)).plusSeconds(60));
        assertThat(outcome.purged()).isGreaterThanOrEqualTo(2);
        assertThat(Files.readAllLines(Path.of(outcome.archive()))).hasSize((int) outcome.purged())
                .allSatisfy(line -> assertThat(line).contains("\"recordHash\""));
        long left = QuarkusTransaction.requiringNew().call(() -> EvaluationRecord.count("id <= ?1", outcome.lastPurgedId()));
        assertThat(left).isZero();

        evaluate();
        given().auth().preemptive().basic("auditor", "auditor").queryParam("full", true).when().get("/audit/integrity")
                .then().statusCode(200).body("intact", equalTo(true));
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user).header("X-Requested-By", "test");
    }

    @Test
    void aPurgeNeedsAReasonAndTheRecordsOfficerRole() {
        as("records-officer").when().post("/admin/audit/purge")
                .then().statusCode(400).body("issue[0].diagnostics", containsString("reason"));
        // The rule authors cannot erase the trail of what they did; auditors read it and do not delete it.
        as("pharmacist").queryParam("reason", "x").when().post("/admin/audit/purge").then().statusCode(403);
        as("auditor").queryParam("reason", "x").when().post("/admin/audit/purge").then().statusCode(403);
        // Nothing is older than the ten-year default retention: nothing is purged, and the action is recorded.
        as("records-officer").queryParam("reason", "yearly review")
                .when().post("/admin/audit/purge").then().statusCode(200).body("purged", equalTo(0));
    }
}
