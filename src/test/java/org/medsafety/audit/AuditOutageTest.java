package org.medsafety.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.junit.jupiter.api.Test;
import org.medsafety.cdshooks.OrderSignWithSyntheaTestAccess;
import org.medsafety.testing.AuditOutageProfile;
import org.medsafety.testing.Fixtures;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The database stops taking audit records (here: the chain head is held locked by another transaction, as a purge
 * or a stuck session would): calls are still answered with their cards, from the local journal, within about the
 * write deadline; readiness says the trail is degraded; feedback is journaled too. Once the lock goes, the journal
 * is replayed: every answered call is in the trail exactly once and the chain verifies.
 */
@QuarkusTest
@TestProfile(AuditOutageProfile.class)
class AuditOutageTest {

    static final String SIGN = "/cds-services/medication-safety-sign";

    @Inject
    AuditJournal journal;

    private static String call(String hookInstance) {
        ObjectNode request = OrderSignWithSyntheaTestAccess.warfarinPatientOrderingNaproxen();
        request.put("hookInstance", hookInstance);
        Response r = given().contentType(ContentType.JSON).body(request.toString()).when().post(SIGN);
        r.then().statusCode(200);
        List<String> cards = r.jsonPath().getList("cards.uuid");
        assertThat(cards).as("answered with cards").isNotEmpty();
        return cards.get(0);
    }

    @Test
    void callsAreAnsweredFromTheJournalWhileTheDatabaseWaitsAndRecordedOnceWhenItReturns() throws Exception {
        call(UUID.randomUUID().toString()); // the database path works before
        assertThat(journal.state()).isEqualTo(AuditJournal.State.DATABASE);

        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew()
                .timeout(120).run(() -> {
                    ChainHead.findById(1, LockModeType.PESSIMISTIC_WRITE);
                    locked.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

        List<String> hookInstances = new ArrayList<>();
        String card = null;
        try {
            for (int i = 0; i < 6; i++) {
                String hook = UUID.randomUUID().toString();
                long start = System.nanoTime();
                String issued = call(hook);
                card = card == null ? issued : card;
                hookInstances.add(hook);
                assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start))
                        .as("a hang guard, not a speed test").isLessThan(20);
            }
            assertThat(journal.state()).isEqualTo(AuditJournal.State.JOURNALING);
            assertThat(journal.backlog()).isGreaterThanOrEqualTo(5);
            given().when().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'audit' }.status", equalTo("UP"))
                    .body("checks.find { it.name == 'audit' }.data.records", equalTo("journal (degraded)"));

            ObjectNode feedback = Fixtures.JSON.createObjectNode();
            feedback.putArray("feedback").addObject().put("card", card).put("outcome", "overridden")
                    .put("outcomeTimestamp", "2026-11-25T10:15:30Z");
            given().contentType(ContentType.JSON).body(feedback.toString()).when().post(SIGN + "/feedback")
                    .then().statusCode(200).body("journaled", equalTo(1));
        } finally {
            release.countDown();
            holder.get(60, TimeUnit.SECONDS);
        }

        long until = System.currentTimeMillis() + 60_000;
        while (journal.state() != AuditJournal.State.DATABASE && System.currentTimeMillis() < until) {
            Thread.sleep(100);
        }
        assertThat(journal.state()).isEqualTo(AuditJournal.State.DATABASE);
        assertThat(journal.backlog()).isZero();
        for (String hook : hookInstances) {
            assertThat(EvaluationRecord.count("hookInstance", hook)).as("recorded exactly once: " + hook)
                    .isEqualTo(1);
        }
        String feedbackCard = card;
        assertThat(FeedbackRecord.count("cardUuid", feedbackCard)).isEqualTo(1);
        given().auth().preemptive().basic("auditor", "auditor").queryParam("full", true).when()
                .get("/audit/integrity").then().statusCode(200).body("intact", equalTo(true));
        call(UUID.randomUUID().toString()); // and straight to the database again
        assertThat(journal.state()).isEqualTo(AuditJournal.State.DATABASE);
    }
}
