package org.medsafety.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medsafety.engine.RulesetCompiler;
import org.medsafety.testing.Fixtures;
import org.medsafety.testing.HookRequests;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;

/** Pharmacists publish, validate, roll back and replay rulesets; nothing broken ever reaches patients. */
@QuarkusTest
class RulesetLifecycleTest {

    static final String SIGN = "/cds-services/medication-safety-sign";

    @Inject
    RulesetStore store;

    private String original;

    static RequestSpecification pharmacist() {
        return given().auth().preemptive().basic("pharmacist", "pharmacist");
    }

    /** A body-less admin POST must say it is not a cross-site form (AdminWriteGuard). */
    static RequestSpecification pharmacistAction() {
        return pharmacist().header("X-Requested-By", "test");
    }

    static String activeVersion() {
        return pharmacist().when().get("/admin/rulesets/active").then().statusCode(200).extract().path("version");
    }

    @BeforeEach
    void rememberActive() {
        original = activeVersion();
    }

    @AfterEach
    void restoreActive() {
        if (!activeVersion().equals(original)) {
            pharmacistAction().queryParam("reason", "test cleanup").when().post("/admin/rulesets/" + original + "/activate")
                    .then().statusCode(200);
        }
    }

    static String naproxenForWarfarinPatient() {
        return OrderSignWithNaproxen.request().toString();
    }

    /** A warfarin patient ordering naproxen: the request whose card these tests watch. */
    static final class OrderSignWithNaproxen {
        static ObjectNode request() {
            ObjectNode prefetch = Fixtures.JSON.createObjectNode();
            prefetch.putNull("patient");
            prefetch.set("medications", Fixtures.bundleOf(
                    Fixtures.draftOrder("w-1", "855332", "Warfarin Sodium 5 MG Oral Tablet", 1.0, "tablet", 1, 1.0, "d")
                            .put("status", "active")));
            for (String key : List.of("allergies", "conditions", "weight", "height", "creatinine", "egfr")) {
                prefetch.putNull(key);
            }
            return HookRequests.orderSign("lifecycle-patient", prefetch,
                    Fixtures.draftOrder("n-1", "849574", "Naproxen sodium 220 MG Oral Tablet", 1.0, "tablet", 2, 1.0, "d"));
        }
    }

    @Test
    void adminEndpointsNeedThePharmacistRole() {
        given().when().get("/admin/rulesets").then().statusCode(401);
        given().auth().basic("auditor", "auditor").when().get("/admin/rulesets").then().statusCode(403);
        given().auth().basic("auditor", "auditor").header("X-Requested-By", "test").when().post("/admin/rulesets/reload")
                .then().statusCode(403);
    }

    @Test
    void validatingTheConfiguredFoldersRunsEveryCheckButTheSwap() {
        pharmacistAction().when().post("/admin/rulesets/validate").then().statusCode(200)
                .body("status", equalTo("valid"))
                .body("scenarios.run", greaterThan(150))
                .body("scenarios.failed", equalTo(0));
        assertThat(activeVersion()).isEqualTo(original);
    }

    @Test
    void aBrokenDrlIsRefusedWithFileAndLineAndTheOldVersionKeepsAnswering() {
        byte[] zip = RulesetZips.shipped().put("rules/dose/broken.drl", """
                package dose;
                import org.medsafety.engine.facts.DoseFact;
                rule "BROKEN" @check("dose") @title("broken")
                when
                    $d : DoseFact( mgPerDoze > 10 )
                then
                end
                """).zip();
        pharmacist().contentType("application/zip").body(zip).when().post("/admin/rulesets")
                .then().statusCode(422)
                .body("status", equalTo("refused"))
                .body("problems[0].file", equalTo("rules/dose/broken.drl"))
                .body("problems[0].line", greaterThan(2))
                .body("problems[0].message", containsString("mgPerDoze"));
        assertThat(activeVersion()).isEqualTo(original);
        given().contentType(ContentType.JSON).body(naproxenForWarfarinPatient()).when().post(SIGN)
                .then().statusCode(200).body("cards.extension.'org.medsafety.finding'.rulesetVersion", hasItem(original));
    }

    @Test
    void aKnowledgeRowWithoutASourceIsRefused() {
        RulesetZips candidate = RulesetZips.shipped().edit("knowledge-base/dose-limits.csv",
                csv -> csv.replaceFirst("(?m)^(DOSE-TRAMADOL-ORAL-ADULT,.*?),\"Ultram[^\"]*\",(\\S+)$", "$1,,$2"));
        int line = candidate.lineOf("knowledge-base/dose-limits.csv", "DOSE-TRAMADOL-ORAL-ADULT,");
        pharmacist().contentType("application/zip").body(candidate.zip()).when().post("/admin/rulesets")
                .then().statusCode(422)
                .body("problems.find { it.file == 'knowledge-base/dose-limits.csv' }.line", equalTo(line))
                .body("problems.find { it.file == 'knowledge-base/dose-limits.csv' }.message", containsString("no source"));
        assertThat(activeVersion()).isEqualTo(original);
    }

    @Test
    void aFailingScenarioBlocksPublication() {
        RulesetZips candidate = RulesetZips.shipped().put("rules/dose/scenarios/wrong.yaml", """
                scenarios:
                  - name: a scenario that expects silence where the label fires
                    patient: {age: 50, sex: male, weight: 80, scr: 1.0}
                    orders: [{drug: Tramadol Hydrochloride 50 MG Oral Tablet, dose: 4 tablet, frequency: 6/d}]
                    expect: []
                """);
        pharmacist().contentType("application/zip").body(candidate.zip()).when().post("/admin/rulesets")
                .then().statusCode(422)
                .body("scenarios.failed", equalTo(1))
                .body("problems[0].file", equalTo("rules/dose/scenarios/wrong.yaml"))
                .body("problems[0].line", equalTo(2))
                .body("problems[0].message", containsString("fired but not expected"));
        assertThat(activeVersion()).isEqualTo(original);
    }

    @Test
    void publishingUnderASteadyStreamOfRequestsLosesNoneAndRollbackRestoresTheOldVersion() throws Exception {
        // The candidate lowers nothing clinically: it adds a scenario, which changes the content hash.
        RulesetZips candidate = RulesetZips.shipped().put("rules/common/scenarios/lifecycle.yaml", """
                scenarios:
                  - name: acetaminophen at an ordinary dose stays silent
                    orders: [{drug: Acetaminophen 325 MG Oral Tablet, dose: 2 tablet, frequency: 3/d}]
                    expect: []
                """);
        String candidateVersion = candidate.files().contentHash();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> versionsSeen = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(3);
        for (int i = 0; i < 3; i++) {
            clients.submit(() -> {
                int sent = 0;
                while (running.get() && sent++ < 2_000) {
                    var response = given().contentType(ContentType.JSON).body(naproxenForWarfarinPatient())
                            .when().post(SIGN).then().extract();
                    if (response.statusCode() != 200) {
                        failures.add(response.statusCode() + " " + response.asString());
                    } else {
                        versionsSeen.add(response.path("cards[0].extension.'org.medsafety.finding'.rulesetVersion"));
                    }
                }
            });
        }
        try {
            pharmacist().contentType("application/zip").body(candidate.zip()).queryParam("label", "lifecycle test")
                    .queryParam("reason", "publish under load").when().post("/admin/rulesets")
                    .then().statusCode(200).body("status", equalTo("active")).body("version", equalTo(candidateVersion));
            assertThat(activeVersion()).isEqualTo(candidateVersion);
            Thread.sleep(300);
            pharmacistAction().queryParam("reason", "rollback test").when().post("/admin/rulesets/" + original + "/activate")
                    .then().statusCode(200).body("status", equalTo("active"));
            Thread.sleep(300);
        } finally {
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(failures).isEmpty();
        assertThat(versionsSeen).isNotEmpty().allMatch(v -> v.equals(original) || v.equals(candidateVersion));
        assertThat(activeVersion()).isEqualTo(original);
        pharmacist().when().get("/admin/rulesets").then().statusCode(200)
                .body("version", hasItem(candidateVersion)).body("find { it.version == '" + candidateVersion + "' }.label",
                        equalTo("lifecycle test"));
        pharmacist().when().get("/admin/rulesets/" + candidateVersion).then().statusCode(200)
                .body("files", hasItem("rules/common/scenarios/lifecycle.yaml"));
    }

    @Test
    void aVersionActivatedByAnotherInstanceIsFollowedWithinFiveSeconds() throws Exception {
        // Another instance publishes: it stores the version and activates it in the shared database.
        RulesetZips candidate = RulesetZips.shipped().put("rules/common/scenarios/other-instance.yaml", """
                scenarios:
                  - name: published by another instance
                    orders: [{drug: Acetaminophen 325 MG Oral Tablet, dose: 1 tablet, frequency: 2/d}]
                    expect: []
                """);
        var compiled = new RulesetCompiler().compile(candidate.files());
        store.store(candidate.files(), compiled.ruleset(), "from another instance", "pharmacist", "follower test");
        store.activate(compiled.ruleset().version(), "pharmacist", "follower test");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (!activeVersion().equals(compiled.ruleset().version()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(activeVersion()).isEqualTo(compiled.ruleset().version());
    }

    @Test
    void replayReportsTheAlertsACandidateWouldRemoveAndAdd() {
        Instant start = Instant.now().minusSeconds(1);
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body(naproxenForWarfarinPatient()).when().post(SIGN)
                    .then().statusCode(200);
        }
        // Candidate: warfarin + NSAID removed (with its context modifiers, which would otherwise name a missing row):
        // the report must show that card disappearing from every recent evaluation.
        RulesetZips candidate = RulesetZips.shipped().edit("knowledge-base/interactions.csv",
                csv -> csv.replaceFirst("(?m)^DDI-WARFARIN-NSAID,.*\\n", ""))
                .edit("knowledge-base/interaction-modifiers.csv",
                        csv -> csv.replaceAll("(?m)^[^,]+,DDI-WARFARIN-NSAID,.*\\n", ""));
        Map<String, Object> report = pharmacist().contentType("application/zip").body(candidate.zip())
                .queryParam("from", start.toString()).queryParam("limit", 100)
                .when().post("/admin/rulesets/replay").then().statusCode(200).extract().as(Map.class);
        assertThat((Integer) report.get("evaluations")).isGreaterThanOrEqualTo(3);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rules = (List<Map<String, Object>>) report.get("rules");
        assertThat(rules).anySatisfy(rule -> {
            assertThat(rule.get("rule")).isEqualTo("DDI-TABLE");
            assertThat((Integer) rule.get("disappear")).isGreaterThanOrEqualTo(3);
            assertThat(rule.get("examples").toString()).contains("naproxen + warfarin");
        });

        // Replaying the active version itself changes nothing.
        pharmacistAction().queryParam("from", start.toString()).when().post("/admin/rulesets/" + original + "/replay")
                .then().statusCode(200).body("evaluationsChanged", equalTo(0));
    }

    @Test
    void replayReportsTheAlertsAVersionWouldAdd() {
        // Evaluations recorded while this site had the warfarin-NSAID row disabled carry no such card ...
        pharmacist().contentType(ContentType.JSON).body(Map.of("target", "DDI-WARFARIN-NSAID", "action", "disable",
                "reason", "replay test")).when().post("/admin/tuning").then().statusCode(200);
        Instant start = Instant.now().minusSeconds(1);
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body(naproxenForWarfarinPatient()).when().post(SIGN)
                    .then().statusCode(200)
                    .body("cards.extension.'org.medsafety.finding'.knowledgeId",
                            org.hamcrest.Matchers.not(hasItem("DDI-WARFARIN-NSAID")));
        }
        // ... so replaying them against the original version reports the card appearing in each.
        Map<String, Object> report = pharmacistAction().queryParam("from", start.toString())
                .when().post("/admin/rulesets/" + original + "/replay").then().statusCode(200).extract().as(Map.class);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rules = (List<Map<String, Object>>) report.get("rules");
        assertThat(rules).anySatisfy(rule -> {
            assertThat(rule.get("rule")).isEqualTo("DDI-TABLE");
            assertThat((Integer) rule.get("appear")).isGreaterThanOrEqualTo(3);
            assertThat(rule.get("examples").toString()).contains("naproxen + warfarin");
        });
    }

    @Test
    void everyAdminActionIsRecorded() {
        Instant start = Instant.now().minusSeconds(1);
        pharmacistAction().when().post("/admin/rulesets/validate").then().statusCode(200);
        pharmacist().contentType("application/zip").body(RulesetZips.shipped()
                .put("rules/dose/broken.drl", "package dose;\nrule \"X\" when Nope() then end\n").zip())
                .when().post("/admin/rulesets").then().statusCode(422);
        List<AdminActionRecord> actions = AdminActionRecord.list("actedAt >= ?1", start);
        assertThat(actions).anySatisfy(a -> {
            assertThat(a.action).isEqualTo("validate");
            assertThat(a.actor).isEqualTo("pharmacist");
            assertThat(a.outcome).isEqualTo("valid");
        });
        assertThat(actions).anySatisfy(a -> {
            assertThat(a.action).isEqualTo("publish");
            assertThat(a.outcome).isEqualTo("refused");
            assertThat(a.detail).contains("rules/dose/broken.drl");
        });
        given().auth().basic("auditor", "auditor").when().get("/admin/actions").then().statusCode(200)
                .body("action", hasItem("validate")).body("outcome", hasItem("refused"));
    }

    @Test
    void aZipWithoutTheTwoFoldersIsAClear400() {
        pharmacist().contentType("application/zip").body(new byte[] {1, 2, 3}).when().post("/admin/rulesets")
                .then().statusCode(400).body("issue[0].diagnostics", containsString("zip"));
    }
}
