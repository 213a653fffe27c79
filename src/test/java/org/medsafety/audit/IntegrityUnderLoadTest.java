package org.medsafety.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.medsafety.admin.AdminLog;
import org.medsafety.admin.RulesetLifecycleTestAccess;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live trail never looks broken (architecture review 5.5 D): two threads record evaluations, feedback, admin
 * actions and audit reads while the main thread runs incremental and full checks and signs checkpoints. Every
 * check must say intact, and must never answer 5xx.
 */
@QuarkusTest
@TestProfile(AuditTamperTest.Tamper.class)
class IntegrityUnderLoadTest {

    static final String SIGN = "/cds-services/medication-safety-sign";

    @Inject
    CheckpointSigner signer;

    @Inject
    AdminLog adminLog;

    @Test
    void checksDuringConcurrentWritesNeverReportAnIntactTrailAsBroken() throws Exception {
        int perWriter = 25;
        AtomicInteger written = new AtomicInteger();
        List<Throwable> writerFailures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                try {
                    for (int i = 0; i < perWriter; i++) {
                        String card = given().contentType(ContentType.JSON)
                                .body(RulesetLifecycleTestAccess.naproxenRequest()).when().post(SIGN)
                                .then().statusCode(200).extract().jsonPath().getString("cards[0].uuid");
                        given().contentType(ContentType.JSON).body("{\"feedback\":[{\"card\":\"" + card
                                        + "\",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"" + Instant.now() + "\"}]}")
                                .when().post(SIGN + "/feedback").then().statusCode(200);
                        given().auth().preemptive().basic("auditor", "auditor").queryParam("patientId", "load-" + writer)
                                .when().get("/audit/evaluations").then().statusCode(200);
                        if (i % 5 == 0) {
                            adminLog.record("load-test", "test-action", "writer " + writer, "done", null);
                        }
                        written.incrementAndGet();
                    }
                } catch (Throwable e) {
                    writerFailures.add(e);
                }
            }, "writer-" + w);
            writers.add(t);
            t.start();
        }

        List<String> broken = new ArrayList<>();
        int checks = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3); // a hang guard, not a speed limit
        while (writers.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
            boolean full = checks % 2 == 1;
            JsonPath r = given().auth().preemptive().basic("auditor", "auditor").queryParam("full", full)
                    .when().get("/audit/integrity").then().statusCode(200).extract().jsonPath();
            if (!r.getBoolean("intact")) {
                broken.add("full=" + full + ": " + r.getList("problems"));
            }
            if (checks % 3 == 0) {
                signer.signNow();
            }
            checks++;
        }
        for (Thread t : writers) {
            t.join(TimeUnit.MINUTES.toMillis(1));
        }
        assertThat(writerFailures).isEmpty();
        assertThat(written.get()).isEqualTo(2 * perWriter);
        assertThat(checks).as("checks run while the writers wrote").isGreaterThan(2);
        assertThat(broken).isEmpty();
        signer.signNow();
        for (boolean full : new boolean[] {true, false}) {
            given().auth().preemptive().basic("auditor", "auditor").queryParam("full", full)
                    .when().get("/audit/integrity").then().statusCode(200)
                    .body("intact", org.hamcrest.Matchers.equalTo(true));
        }
    }
}
