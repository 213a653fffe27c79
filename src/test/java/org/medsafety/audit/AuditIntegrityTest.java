package org.medsafety.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.medsafety.testing.DatabaseSuperuser;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Tamper evidence on the shared test database: a row changed directly in the database is found and named, and the
 * incremental check resumes from the newest signed checkpoint. Every other tampering case is in AuditTamperTest.
 */
@QuarkusTest
class AuditIntegrityTest {

    @Inject
    CheckpointSigner signer;

    private static long evaluate() {
        given().contentType(ContentType.JSON)
                .body(org.medsafety.admin.RulesetLifecycleTestAccess.naproxenRequest())
                .when().post("/cds-services/medication-safety-sign").then().statusCode(200);
        return QuarkusTransaction.requiringNew().call(() ->
                EvaluationRecord.<EvaluationRecord>find("order by id desc").firstResult().id);
    }

    private static io.restassured.response.ValidatableResponse integrity(boolean full) {
        return given().auth().preemptive().basic("auditor", "auditor").queryParam("full", full)
                .when().get("/audit/integrity").then().statusCode(200);
    }

    @Test
    void aRowChangedDirectlyInTheDatabaseIsFoundAndNamed() {
        long first = evaluate();
        long second = evaluate();
        evaluate();
        integrity(true).body("intact", equalTo(true));

        String original = QuarkusTransaction.requiringNew().call(() -> EvaluationRecord.<EvaluationRecord>findById(second).patientId);
        DatabaseSuperuser.run("UPDATE evaluation SET patient_id = 'someone-else' WHERE id = ?", second);
        try {
            integrity(true).body("intact", equalTo(false)).body("firstBroken", equalTo((int) second))
                    .body("problems.kind", hasItem("altered"));
        } finally {
            DatabaseSuperuser.run("UPDATE evaluation SET patient_id = ? WHERE id = ?", original, second);
        }
        integrity(true).body("intact", equalTo(true));
        assertThat(first).isLessThan(second);
    }

    @Test
    void theIncrementalCheckResumesFromTheNewestSignedCheckpointAndStillCatchesNewTampering() {
        evaluate();
        signer.signNow();
        long later = evaluate();
        evaluate();
        integrity(false).body("intact", equalTo(true)).body("checked", equalTo(2))
                .body("chains.evaluation.resumedFromCheckpoint", org.hamcrest.Matchers.notNullValue());

        long tampered = evaluate();
        String cards = QuarkusTransaction.requiringNew().call(() -> EvaluationRecord.<EvaluationRecord>findById(tampered).cardsJson);
        DatabaseSuperuser.run("UPDATE evaluation SET cards_json = '[]' WHERE id = ?", tampered);
        try {
            integrity(false).body("intact", equalTo(false)).body("firstBroken", equalTo((int) tampered));
        } finally {
            DatabaseSuperuser.run("UPDATE evaluation SET cards_json = ? WHERE id = ?", cards, tampered);
        }
        integrity(false).body("intact", equalTo(true));
        assertThat(later).isPositive();
    }
}
