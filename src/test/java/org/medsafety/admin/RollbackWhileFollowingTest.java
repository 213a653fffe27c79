package org.medsafety.admin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medsafety.engine.RulesetCompiler;
import org.medsafety.engine.RulesetFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pharmacist rolls back through this instance while another instance publishes and this one's follower picks
 * that up: once the rollback has returned, this instance never serves an activation older than the rollback, and it
 * ends on the newest activation, whichever that is.
 */
@QuarkusTest
class RollbackWhileFollowingTest {

    @Inject
    RulesetStore store;

    private String original;

    @BeforeEach
    void rememberActive() {
        original = RulesetLifecycleTest.activeVersion();
    }

    @AfterEach
    void restoreActive() {
        RulesetLifecycleTest.pharmacistAction().queryParam("reason", "test cleanup")
                .when().post("/admin/rulesets/" + original + "/activate").then().statusCode(200);
    }

    record Served(long activation, String version) {
    }

    static Served served() {
        var body = RulesetLifecycleTest.pharmacist().when().get("/admin/rulesets/active").then().statusCode(200)
                .extract();
        return new Served(((Number) body.path("activation")).longValue(), body.path("version"));
    }

    /** The ruleset version named on the card of a CDS call that starts now. */
    static String versionOfACall() {
        return given().contentType(ContentType.JSON).body(RulesetLifecycleTest.naproxenForWarfarinPatient())
                .when().post(RulesetLifecycleTest.SIGN).then().statusCode(200).extract()
                .path("cards[0].extension.'org.medsafety.finding'.rulesetVersion");
    }

    @Test
    void afterARollbackReturnsNoOlderActivationIsServedAndTheNewestWins() throws Exception {
        RulesetFiles shipped = RulesetFiles.read(Path.of("rules"), Path.of("knowledge-base"));
        ExecutorService pharmacist = Executors.newSingleThreadExecutor();
        List<String> rounds = new ArrayList<>();
        try {
            for (int round = 0; round < 4; round++) {
                RulesetFiles candidate = RulesetActivatorTest.withScenario(shipped, "rollback-race-" + round);
                var compiled = new RulesetCompiler().compile(candidate);
                String published = compiled.ruleset().version();
                store.store(candidate, compiled.ruleset(), "published elsewhere", "pharmacist", "race test");

                Future<ExtractableResponse<Response>> rollback = pharmacist.submit(() ->
                        RulesetLifecycleTest.pharmacistAction().queryParam("reason", "rollback race")
                                .when().post("/admin/rulesets/" + original + "/activate").then().extract());
                Thread.sleep(ThreadLocalRandom.current().nextInt(0, 1500));
                ActivationLog.Activation elsewhere = store.activate(published, "elsewhere", "race test");
                ExtractableResponse<Response> answer = rollback.get(60, TimeUnit.SECONDS);
                assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
                long rolledBack = ((Number) answer.path("activation")).longValue();
                boolean rollbackIsNewest = rolledBack > elsewhere.id();
                rounds.add(rollbackIsNewest ? "rollback last" : "publication last");

                long newest = Math.max(rolledBack, elsewhere.id());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                Served now;
                do {
                    now = served();
                    assertThat(now.activation()).as("activation served after the rollback returned")
                            .isGreaterThanOrEqualTo(rolledBack);
                    assertThat(now.version()).isEqualTo(now.activation() == rolledBack ? original : published);
                    if (rollbackIsNewest) {
                        assertThat(versionOfACall()).as("a call after the rollback returned").isEqualTo(original);
                    }
                    Thread.sleep(50);
                } while (now.activation() < newest && System.nanoTime() < deadline);
                assertThat(now.activation()).as("the newest activation is served within 5 s").isEqualTo(newest);
                Thread.sleep(1200); // a poll later, still there
                assertThat(served().activation()).isEqualTo(newest);
                assertThat(versionOfACall()).isEqualTo(rollbackIsNewest ? original : published);
            }
        } finally {
            pharmacist.shutdownNow();
        }
        System.out.println("rollback race rounds: " + rounds);
    }
}
