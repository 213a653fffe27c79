package org.medsafety.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.medsafety.testing.Fixtures;
import org.medsafety.testing.HookRequests;
import org.medsafety.testing.ScrapedMetrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The metrics an operator scrapes move with real calls, by exactly what the calls did: evaluations by service and
 * outcome (with latency buckets around the 500 ms budget), the cards returned by indicator, kind and knowledge row,
 * unidentified medications, feedback by outcome. /q/metrics needs no credentials (operators restrict it at the
 * proxy) while /admin and /audit still do, and what it exposes names no patient, user or client.
 */
@QuarkusTest
class EvaluationMetricsHttpTest {

    static final String SIGN = "/cds-services/medication-safety-sign";
    static final String EVALUATIONS = "medsafety_evaluations_seconds_count";

    private static JsonPath post(String path, Object body, int status) {
        return given().contentType(ContentType.JSON).body(body.toString()).when().post(path).then()
                .statusCode(status).extract().jsonPath();
    }

    private static double evaluations(ScrapedMetrics m, String service, String outcome) {
        return m.value(EVALUATIONS, "service", service, "outcome", outcome);
    }

    @Test
    void aCallWithCardsCountsItsEvaluationAndEachCardByIndicatorKindAndKnowledgeRow() {
        ObjectNode request = OrderSignWithSyntheaTest.warfarinPatientOrderingNaproxen();
        ScrapedMetrics before = ScrapedMetrics.scrape();
        List<Map<String, Object>> cards = post(SIGN, request, 200).getList("cards");
        ScrapedMetrics after = ScrapedMetrics.scrape();

        assertThat(cards).isNotEmpty();
        assertThat(evaluations(after, CdsServiceCatalog.SIGN_ID, "cards")
                - evaluations(before, CdsServiceCatalog.SIGN_ID, "cards")).isEqualTo(1);
        assertThat(evaluations(after, CdsServiceCatalog.SIGN_ID, "no-cards"))
                .isEqualTo(evaluations(before, CdsServiceCatalog.SIGN_ID, "no-cards"));
        Map<List<String>, Integer> byIndicatorAndKind = new HashMap<>();
        Map<String, Integer> byRow = new HashMap<>();
        for (Map<String, Object> card : cards) {
            @SuppressWarnings("unchecked")
            Map<String, Object> finding = (Map<String, Object>) ((Map<String, Object>) card.get("extension"))
                    .get("org.medsafety.finding");
            byIndicatorAndKind.merge(List.of((String) card.get("indicator"), (String) finding.get("check")), 1,
                    Integer::sum);
            if (finding.get("knowledgeId") != null) {
                byRow.merge((String) finding.get("knowledgeId"), 1, Integer::sum);
            }
        }
        assertThat(byRow).containsKey("DDI-WARFARIN-NSAID");
        byIndicatorAndKind.forEach((key, count) -> assertThat(
                after.value("medsafety_cards_total", "indicator", key.get(0), "kind", key.get(1))
                        - before.value("medsafety_cards_total", "indicator", key.get(0), "kind", key.get(1)))
                .as("cards %s", key).isEqualTo(count.doubleValue()));
        byRow.forEach((row, count) -> assertThat(after.value("medsafety_cards_knowledge_total", "row", row)
                - before.value("medsafety_cards_knowledge_total", "row", row)).as("row %s", row).isEqualTo(count.doubleValue()));

        // Latency buckets an operator can hold a 500 ms budget against.
        assertThat(after.value("medsafety_evaluations_seconds_bucket", "service", CdsServiceCatalog.SIGN_ID,
                "outcome", "cards", "le", "0.5")).isGreaterThanOrEqualTo(0);
        assertThat(after.text()).contains("le=\"0.5\"").contains("le=\"0.1\"").contains("le=\"1.0\"");
        assertThat(after.text()).as("no patient identifier in any label")
                .doesNotContain(request.path("context").path("patientId").asText())
                .doesNotContain(request.path("hookInstance").asText());
    }

    @Test
    void anOrderWithNothingToSayCountsAsNoCards() {
        JsonNode bundle = Fixtures.synthea(Fixtures.BOTELLO);
        ObjectNode prefetch = HookRequests.prefetchFrom(bundle);
        prefetch.set("medications",
                HookRequests.searchset(Fixtures.JSON.createObjectNode(), "MedicationRequest", null));
        ObjectNode request = HookRequests.orderSign(Fixtures.patientId(bundle), prefetch, Fixtures.draftOrder(
                "apap-1", "313782", "Acetaminophen 325 MG Oral Tablet", 1.0, "tablet", 4, 1.0, "d"));
        ScrapedMetrics before = ScrapedMetrics.scrape();
        assertThat(post(SIGN, request, 200).getList("cards")).isEmpty();
        ScrapedMetrics after = ScrapedMetrics.scrape();
        assertThat(evaluations(after, CdsServiceCatalog.SIGN_ID, "no-cards")
                - evaluations(before, CdsServiceCatalog.SIGN_ID, "no-cards")).isEqualTo(1);
        assertThat(after.value("medsafety_cards_total", "indicator", "info", "kind", "unscreened"))
                .isEqualTo(before.value("medsafety_cards_total", "indicator", "info", "kind", "unscreened"));
    }

    @Test
    void medicationsThatCannotBeIdentifiedAreCountedByWhereTheyCameFrom() {
        JsonNode bundle = Fixtures.synthea(Fixtures.BOTELLO);
        ObjectNode prefetch = HookRequests.prefetchFrom(bundle);
        ArrayNode current = (ArrayNode) prefetch.get("medications").get("entry");
        current.addObject().set("resource", Fixtures.draftOrder("z-1", null, "Zorblaxin 10 MG Oral Tablet", null,
                null, null, null, null).put("status", "active"));
        current.addObject().set("resource", Fixtures.draftOrder("z-2", null, "Quexolide 5 MG Oral Capsule", null,
                null, null, null, null).put("status", "active"));
        ObjectNode request = HookRequests.orderSign(Fixtures.patientId(bundle), prefetch,
                Fixtures.draftOrder("q-1", null, "Vornaplex 20 MG Oral Tablet", 1.0, "tablet", 1, 1.0, "d"));
        ScrapedMetrics before = ScrapedMetrics.scrape();
        post(SIGN, request, 200);
        ScrapedMetrics after = ScrapedMetrics.scrape();
        assertThat(after.value("medsafety_drugs_unidentified_total", "kind", "draft-order")
                - before.value("medsafety_drugs_unidentified_total", "kind", "draft-order")).isEqualTo(1);
        assertThat(after.value("medsafety_drugs_unidentified_total", "kind", "active-medication")
                - before.value("medsafety_drugs_unidentified_total", "kind", "active-medication")).isEqualTo(2);
    }

    @Test
    void refusedCallsAreCountedAsRefusedAndAnUnknownServiceIdNeverBecomesALabel() {
        ScrapedMetrics before = ScrapedMetrics.scrape();
        post(SIGN, "{\"hook\": \"order-sign\"", 400);
        post("/cds-services/patient-4711-lookup", OrderSignWithSyntheaTest.warfarinPatientOrderingNaproxen(), 404);
        ScrapedMetrics after = ScrapedMetrics.scrape();
        assertThat(evaluations(after, CdsServiceCatalog.SIGN_ID, "refused")
                - evaluations(before, CdsServiceCatalog.SIGN_ID, "refused")).isEqualTo(1);
        assertThat(evaluations(after, "unknown", "refused") - evaluations(before, "unknown", "refused"))
                .isEqualTo(1);
        assertThat(after.text()).doesNotContain("patient-4711");
    }

    @Test
    void feedbackIsCountedByOutcomeOnceARepeatIsRecognised() {
        String card = FeedbackTest.issueCard();
        String overridden = FeedbackTest.overridden(card, "2026-11-25T11:00:00Z").toString();
        ScrapedMetrics before = ScrapedMetrics.scrape();
        given().contentType(ContentType.JSON).body(overridden).when().post(SIGN + "/feedback").then()
                .statusCode(200).body("stored", equalTo(1));
        given().contentType(ContentType.JSON).body(overridden).when().post(SIGN + "/feedback").then()
                .statusCode(200).body("alreadyRecorded", equalTo(1));
        ObjectNode accepted = Fixtures.JSON.createObjectNode();
        accepted.putArray("feedback").addObject().put("card", card).put("outcome", "accepted")
                .put("outcomeTimestamp", "2026-11-25T11:05:00Z");
        post(SIGN + "/feedback", accepted, 200);
        ScrapedMetrics after = ScrapedMetrics.scrape();
        assertThat(after.value("medsafety_feedback_total", "outcome", "overridden")
                - before.value("medsafety_feedback_total", "outcome", "overridden")).isEqualTo(1);
        assertThat(after.value("medsafety_feedback_total", "outcome", "accepted")
                - before.value("medsafety_feedback_total", "outcome", "accepted")).isEqualTo(1);
    }

    @Test
    void everyMetricTheServiceExposesIsDocumentedAndEveryDocumentedOneIsExposed() throws Exception {
        FeedbackTest.issueCard(); // the per-row card counter exists once a row has produced a card
        Set<String> exposed = new TreeSet<>();
        Matcher sample = Pattern.compile("(?m)^(medsafety_[a-z_]+?)(_bucket|_count|_sum|_max)?[{ ]")
                .matcher(ScrapedMetrics.scrape().text());
        while (sample.find()) {
            exposed.add(sample.group(1));
        }
        Set<String> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `(medsafety_[a-z_]+)` \\|")
                .matcher(Files.readString(Path.of("docs/monitoring.md")));
        while (row.find()) {
            documented.add(row.group(1));
        }
        assertThat(exposed).hasSizeGreaterThan(10).isEqualTo(documented);
    }

    @Test
    void metricsAreOpenToTheScraperWhileAdminAndAuditStillNeedCredentials() {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(text).contains("medsafety_evaluations_seconds_count").contains("medsafety_audit_journal_backlog")
                .contains("medsafety_ruleset_follower_lag_seconds").contains("medsafety_security_token_refusals_total")
                .contains("medsafety_fhir_fetches_total").contains("medsafety_ruleset_publications_total");
        given().when().get("/admin/rulesets").then().statusCode(401);
        given().when().get("/audit/evaluations").then().statusCode(401);
        given().when().get("/admin/actions").then().statusCode(401);
        given().auth().basic("auditor", "auditor").when().get("/q/metrics").then().statusCode(200);
    }
}
