package org.medsafety.admin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Two pharmacists tune at the same moment: each change is made on one base version and activated only if that
 * version is still active, so one wins and the other gets 409 naming the version now active; no edit is lost.
 */
@QuarkusTest
class ConcurrentTuningTest {

    static final String FIRST = "DDI-WARFARIN-NSAID";
    static final String SECOND = "DDI-WARFARIN-ANTIPLATELET";
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

    static String etag(ExtractableResponse<Response> response) {
        return response.header("ETag").replace("\"", "");
    }

    static List<String> tunedTargets() {
        return RulesetLifecycleTest.pharmacist().when().get("/admin/tuning").then().statusCode(200)
                .extract().path("target");
    }

    static ExtractableResponse<Response> tune(String target, String ifMatch) {
        var request = RulesetLifecycleTest.pharmacist().contentType(ContentType.JSON)
                .body(Map.of("target", target, "action", "disable", "reason", "concurrency test of " + target));
        if (ifMatch != null) {
            request.header("If-Match", "\"" + ifMatch + "\"");
        }
        return request.when().post("/admin/tuning").then().extract();
    }

    /** Sends both tunings at once (a barrier releases them together) and returns the answers in order. */
    static List<ExtractableResponse<Response>> atOnce(String ifMatch) throws Exception {
        ExecutorService pharmacists = Executors.newFixedThreadPool(2);
        CyclicBarrier together = new CyclicBarrier(2);
        try {
            List<Future<ExtractableResponse<Response>>> answers = new ArrayList<>();
            for (String target : List.of(FIRST, SECOND)) {
                answers.add(pharmacists.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    return tune(target, ifMatch);
                }));
            }
            List<ExtractableResponse<Response>> result = new ArrayList<>();
            for (Future<ExtractableResponse<Response>> a : answers) {
                result.add(a.get(120, TimeUnit.SECONDS));
            }
            return result;
        } finally {
            pharmacists.shutdownNow();
        }
    }

    @Test
    void twoTuningsOfTheSameVersionOneWinsTheOtherGets409AndRepeatingItLosesNothing() throws Exception {
        var listing = RulesetLifecycleTest.pharmacist().when().get("/admin/tuning").then().statusCode(200).extract();
        String base = etag(listing);
        assertThat(base).isEqualTo(original);
        Instant start = Instant.now().minusSeconds(1);

        List<ExtractableResponse<Response>> answers = atOnce(base);

        List<Integer> statuses = answers.stream().map(ExtractableResponse::statusCode).sorted().toList();
        assertThat(statuses).as(answers.get(0).asString() + " / " + answers.get(1).asString())
                .containsExactly(200, 409);
        int winner = answers.get(0).statusCode() == 200 ? 0 : 1;
        String won = List.of(FIRST, SECOND).get(winner);
        String lost = List.of(FIRST, SECOND).get(1 - winner);
        String winnerVersion = answers.get(winner).path("version");
        ExtractableResponse<Response> refused = answers.get(1 - winner);
        assertThat(refused.<String>path("resourceType")).isEqualTo("OperationOutcome");
        assertThat(refused.<String>path("issue[0].code")).isEqualTo("conflict");
        assertThat(refused.<String>path("issue[0].diagnostics"))
                .contains("now " + winnerVersion).contains("not " + base);
        assertThat(RulesetLifecycleTest.activeVersion()).isEqualTo(winnerVersion);
        assertThat(tunedTargets()).containsExactly(won);

        // The refused pharmacist reads again and repeats the change on the new version: both are kept.
        String newBase = etag(RulesetLifecycleTest.pharmacist().when().get("/admin/tuning").then().extract());
        assertThat(newBase).isEqualTo(winnerVersion);
        assertThat(tune(lost, newBase).statusCode()).isEqualTo(200);
        assertThat(tunedTargets()).containsExactlyInAnyOrder(FIRST, SECOND);

        List<AdminActionRecord> actions = AdminActionRecord.list("actedAt >= ?1 and action = 'tune'", start);
        assertThat(actions).extracting(a -> a.outcome).containsExactlyInAnyOrder("active", "conflict", "active");
    }

    @Test
    void withoutABaseVersionConcurrentTuningsStillNeverLoseAnEdit() throws Exception {
        List<ExtractableResponse<Response>> answers = atOnce(null);
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int status = answers.get(i).statusCode();
            assertThat(status).as(answers.get(i).asString()).isIn(200, 409);
            if (status == 200) {
                accepted.add(List.of(FIRST, SECOND).get(i));
            }
        }
        assertThat(accepted).isNotEmpty();
        // Whatever the interleaving, every tuning that was answered 200 is in the version now active.
        assertThat(tunedTargets()).containsExactlyInAnyOrderElementsOf(accepted);
    }

    @Test
    void aChangeOnAVersionThatIsNoLongerActiveIsRefusedAndChangesNothing() {
        String stale = "0".repeat(64);
        ExtractableResponse<Response> answer = tune(FIRST, stale);
        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.<String>path("issue[0].diagnostics")).contains("now " + original).contains("not " + stale);
        RulesetLifecycleTest.pharmacist().contentType(ContentType.JSON).body(Map.of("target", FIRST, "action",
                        "disable", "reason", "r", "baseVersion", stale)).when().post("/admin/tuning")
                .then().statusCode(409).body("issue[0].diagnostics", containsString("now " + original));
        RulesetLifecycleTest.pharmacistAction().header("If-Match", stale).queryParam("reason", "r")
                .when().delete("/admin/tuning/" + FIRST).then().statusCode(409);
        assertThat(RulesetLifecycleTest.activeVersion()).isEqualTo(original);
        assertThat(tunedTargets()).isEmpty();

        // The current version, as If-Match or as baseVersion, is accepted.
        RulesetLifecycleTest.pharmacist().contentType(ContentType.JSON).body(Map.of("target", FIRST, "action",
                        "disable", "reason", "r", "baseVersion", original)).when().post("/admin/tuning")
                .then().statusCode(200).body("status", equalTo("active"));
    }

    @Test
    void aBaseVersionThatIsNotAVersionIsA400() {
        assertThat(tune(FIRST, "abc").statusCode()).isEqualTo(400);
        RulesetLifecycleTest.pharmacist().contentType(ContentType.JSON).header("If-Match", "\"" + original + "\"")
                .body(Map.of("target", FIRST, "action", "disable", "reason", "r", "baseVersion", "1".repeat(64)))
                .when().post("/admin/tuning").then().statusCode(400)
                .body("issue[0].diagnostics", containsString("send one base version"));
        assertThat(RulesetLifecycleTest.activeVersion()).isEqualTo(original);
    }

    @Test
    void aRollbackWithIfMatchIsRefusedWhenTheActiveVersionMoved() {
        RulesetLifecycleTest.pharmacistAction().header("If-Match", "1".repeat(64)).queryParam("reason", "r")
                .when().post("/admin/rulesets/" + original + "/activate").then().statusCode(409)
                .body("issue[0].diagnostics", containsString("now " + original));
        RulesetLifecycleTest.pharmacistAction().header("If-Match", original).queryParam("reason", "r")
                .when().post("/admin/rulesets/" + original + "/activate").then().statusCode(200);
        RulesetLifecycleTest.pharmacist().when().get("/admin/rulesets/active").then().statusCode(200)
                .header("ETag", "\"" + original + "\"");
    }
}
