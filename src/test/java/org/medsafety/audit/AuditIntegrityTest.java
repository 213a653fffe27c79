package org.medsafety.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

/** Tamper evidence: a row changed or removed directly in the database is found and named. */
@QuarkusTest
class AuditIntegrityTest {

    static boolean postgres() {
        return "postgresql".equals(ConfigProvider.getConfig().getValue("quarkus.datasource.db-kind", String.class));
    }

    private static long evaluate() {
        String body = given().contentType(ContentType.JSON)
                .body(org.medsafety.admin.RulesetLifecycleTestAccess.naproxenRequest())
                .when().post("/cds-services/medication-safety-sign").then().statusCode(200).extract().asString();
        return QuarkusTransaction.requiringNew().call(() ->
                EvaluationRecord.<EvaluationRecord>find("order by id desc").firstResult().id);
    }

    /** What someone with database rights can do: on PostgreSQL the triggers must be switched off first. */
    private static void editDirectly(String sql) {
        QuarkusTransaction.requiringNew().run(() -> {
            var em = EvaluationRecord.getEntityManager();
            if (postgres()) {
                em.createNativeQuery("ALTER TABLE evaluation DISABLE TRIGGER USER").executeUpdate();
            }
            em.createNativeQuery(sql).executeUpdate();
            if (postgres()) {
                em.createNativeQuery("ALTER TABLE evaluation ENABLE TRIGGER USER").executeUpdate();
            }
        });
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
        editDirectly("UPDATE evaluation SET patient_id = 'someone-else' WHERE id = " + second);
        try {
            integrity(true).body("intact", equalTo(false)).body("firstBroken", equalTo((int) second));
        } finally {
            editDirectly("UPDATE evaluation SET patient_id = '" + original + "' WHERE id = " + second);
        }
        integrity(true).body("intact", equalTo(true));
        assertThat(first).isLessThan(second);
    }

    @Test
    void theIncrementalCheckResumesFromItsCheckpointAndStillCatchesNewTampering() {
        evaluate();
        integrity(false).body("intact", equalTo(true));
        long later = evaluate();
        evaluate();
        integrity(false).body("intact", equalTo(true)).body("checked", equalTo(2));

        long tampered = evaluate();
        String cards = QuarkusTransaction.requiringNew().call(() -> EvaluationRecord.<EvaluationRecord>findById(tampered).cardsJson);
        editDirectly("UPDATE evaluation SET cards_json = '[]' WHERE id = " + tampered);
        try {
            integrity(false).body("intact", equalTo(false)).body("firstBroken", equalTo((int) tampered));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> {
                var em = EvaluationRecord.getEntityManager();
                if (postgres()) {
                    em.createNativeQuery("ALTER TABLE evaluation DISABLE TRIGGER USER").executeUpdate();
                }
                em.createNativeQuery("UPDATE evaluation SET cards_json = ?1 WHERE id = ?2")
                        .setParameter(1, cards).setParameter(2, tampered).executeUpdate();
                if (postgres()) {
                    em.createNativeQuery("ALTER TABLE evaluation ENABLE TRIGGER USER").executeUpdate();
                }
            });
        }
        integrity(false).body("intact", equalTo(true));
        assertThat(later).isPositive();
    }

    @Test
    void postgresRefusesUpdateAndDeleteOnAuditTables() {
        org.junit.jupiter.api.Assumptions.assumeTrue(postgres(), "the append-only triggers are PostgreSQL's");
        long id = evaluate();
        for (String sql : List.of("UPDATE evaluation SET patient_id = 'x' WHERE id = " + id,
                "DELETE FROM evaluation WHERE id = " + id,
                "DELETE FROM evaluation_card WHERE evaluation_id = " + id,
                "UPDATE evaluation_card SET summary = 'x' WHERE evaluation_id = " + id,
                "DELETE FROM ruleset_activation",
                "DELETE FROM admin_action")) {
            assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() ->
                    EvaluationRecord.getEntityManager().createNativeQuery(sql).executeUpdate()))
                    .as(sql).hasStackTraceContaining("append-only");
        }
    }
}
