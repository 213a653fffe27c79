package org.medsafety.engine;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.medsafety.testing.ShippedRuleset;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.medsafety.cdshooks.CardCap;
import org.medsafety.cdshooks.CardFactory;
import org.medsafety.snapshot.FhirResources;
import org.medsafety.snapshot.PatientSnapshot;
import org.medsafety.snapshot.SnapshotBuilder;
import org.medsafety.testing.Fixtures;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cases the security review measured, at engine level (snapshot, rules, cards) with the shipped ruleset: whatever
 * reaches the engine, an evaluation is fast, its cards are bounded, and no implausible value silences a check.
 */
class EngineBoundsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static Ruleset ruleset;

    @BeforeAll
    static void compileShippedRuleset() {
        ruleset = ShippedRuleset.get();
        evaluate(patient(), List.of(), tramadol("warm-up", 1.0, "tablet")); // compile-on-first-use is not measured
    }

    private static FhirResources patient() {
        FhirResources data = new FhirResources();
        data.add(Fixtures.JSON.createObjectNode().put("resourceType", "Patient").put("id", "p1").put("gender", "male")
                .put("birthDate", "1980-01-01"));
        return data;
    }

    private static ObjectNode tramadol(String id, double tablets, String unit) {
        return Fixtures.draftOrder(id, null, "Tramadol Hydrochloride 50 MG Oral Tablet", tablets, unit, 4, 1.0, "d");
    }

    private static PatientSnapshot snapshot(FhirResources data, List<JsonNode> drafts) {
        return new SnapshotBuilder().build("p1", data, Fixtures.bundleOf(drafts.toArray(JsonNode[]::new)), null, NOW);
    }

    private static List<Finding> evaluate(FhirResources data, List<JsonNode> extra, JsonNode... drafts) {
        List<JsonNode> all = new ArrayList<>(List.of(drafts));
        all.addAll(extra);
        return Evaluator.evaluate(ruleset, snapshot(data, all)).findings();
    }

    // ------------------------------------------------------------------ bounded, never quadratic

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang guard only: how fast is the benchmarks' business
    void twoThousandIdenticalOrdersGiveAtMostTheCardCapQuickly() {
        // Measured before: about 2 million duplicate-therapy findings (one per order pair), then out of memory.
        List<JsonNode> orders = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            orders.add(tramadol("t-" + i, 3.0, "tablet")); // 600 mg/day: above the label's 400 mg/day
        }
        PatientSnapshot snapshot = snapshot(patient(), orders);
        List<Finding> findings = Evaluator.evaluate(ruleset, snapshot).findings();
        List<CardFactory.IssuedCard> cards = new CardFactory(50).cards(ruleset, findings, snapshot, List.of());

        assertThat(cards).hasSizeLessThanOrEqualTo(50);
        assertThat(findings).filteredOn(f -> f.check().equals("duplicate")).singleElement()
                .satisfies(f -> assertThat(f.summary()).isEqualTo("Duplicate: tramadol is also in another order being written"));
        assertThat(cards).filteredOn(c -> c.finding().ruleId().equals(Findings.DRAFT_ORDERS_NOT_SCREENED)).singleElement()
                .satisfies(c -> assertThat(c.card().summary()).isEqualTo(
                        "Not screened: 1800 draft orders beyond the first 200 in this request"));
        assertThat(cards).last().satisfies(c -> assertThat(c.finding().ruleId()).isEqualTo(CardCap.NOT_SHOWN_RULE));
        // 50 cards: the orders-not-screened notice, 48 warnings (dose alerts and the duplicate), the count of the rest.
        // The renal "not checked" notices (info) were left out before any warning.
        assertThat(cards).filteredOn(c -> c.card().indicator().equals("warning")).hasSize(48);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang guard only: how fast is the benchmarks' business
    void twentyThousandUnidentifiedCurrentMedicationsAndTenOrdersAreOneCardQuickly() {
        // Measured before: every firing scanned the list, about 2×10⁹ string comparisons.
        FhirResources data = patient();
        for (int i = 0; i < 20_000; i++) {
            data.add(Fixtures.draftOrder("home-" + i, null, "Zorblaxin " + i, null, null, null, null, null)
                    .put("status", "active"));
        }
        List<JsonNode> orders = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            orders.add(tramadol("t-" + i, 1.0, "tablet"));
        }
        List<Finding> findings = Evaluator.evaluate(ruleset, snapshot(data, orders)).findings();

        assertThat(findings).filteredOn(f -> f.ruleId().equals("UNSCREENED-ACTIVE-MEDICATION")).singleElement()
                .satisfies(f -> {
                    assertThat(f.summary()).isEqualTo("Not screened against 20000 current medications that could not be identified");
                    assertThat(f.detail()).contains("- Zorblaxin 0\n").contains("- and 19980 more").doesNotContain("Zorblaxin 20\n");
                    assertThat(f.relatedRefs()).hasSize(20);
                });
    }

    @Test
    void anAllergyRecordedManyTimesAndOrderedManyTimesIsOneCard() {
        FhirResources data = patient();
        for (int i = 0; i < 30; i++) {
            ObjectNode allergy = Fixtures.JSON.createObjectNode().put("resourceType", "AllergyIntolerance").put("id", "a" + i);
            allergy.putArray("category").add("medication");
            allergy.putObject("code").put("text", "Penicillin V");
            data.add(allergy);
        }
        List<JsonNode> orders = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            orders.add(Fixtures.draftOrder("amox-" + i, "308182", "Amoxicillin 250 MG Oral Capsule", 2.0, "capsule", 3, 1.0, "d"));
        }
        assertThat(evaluate(data, orders)).filteredOn(f -> f.check().equals("allergy")).singleElement()
                .satisfies(f -> assertThat(f.summary()).isEqualTo("Allergy: amoxicillin ordered; patient allergic to Penicillin V"));
    }

    // ------------------------------------------------------------------ units end to end

    @Test
    void aDoseUnitOfFiveThousandNestedParenthesesIsADoseNotCheckedCard() {
        // Measured before: StackOverflowError in the UCUM parser, a 500 for the EHR.
        String unit = "(".repeat(5000) + "mg" + ")".repeat(5000);
        List<Finding> findings = evaluate(patient(), List.of(), Fixtures.draftOrder("t-1", null,
                "Tramadol Hydrochloride 50 MG Oral Tablet", 50.0, unit, 4, 1.0, "d"));
        assertThat(findings).filteredOn(f -> f.check().equals("dose")).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("DOSE-NOT-CHECKED");
            assertThat(f.indicator()).isEqualTo("info");
        });
    }

    // ------------------------------------------------------------------ implausible values are said, not silent

    private static FhirResources withObservation(String loinc, String valueJson, String unit) {
        FhirResources data = patient();
        data.add(Fixtures.resourceFromJson("""
                {"resourceType": "Observation", "id": "obs-1", "status": "final",
                 "effectiveDateTime": "2026-11-20T08:00:00Z",
                 "code": {"coding": [{"system": "http://loinc.org", "code": "%s"}]},
                 "valueQuantity": {"value": %s, "unit": "%s", "code": "%s"}}""".formatted(loinc, valueJson, unit, unit)));
        return data;
    }

    @ParameterizedTest(name = "weight {0} kg")
    @CsvSource({"1e400, 'the recorded weight is too large to be read as a number'",
            "-70, 'the recorded weight (-70 kg) is outside the plausible range 0.2–700 kg'",
            "70000, 'the recorded weight (70000 kg) is outside the plausible range 0.2–700 kg'"})
    void anImplausibleWeightIsNeverUsedAndTheCardsSaySo(String weight, String sentence) {
        // Measured before: a weight of 1e400 (Infinity) made per-kg limits infinite, so no dose alert at all.
        List<Finding> findings = evaluate(withObservation("29463-7", weight, "kg"), List.of(),
                Fixtures.draftOrder("vpa-1", null, "Valproic Acid 250 MG Oral Capsule", 1500.0, "mg", 3, 1.0, "d"));

        assertThat(findings).extracting(Finding::summary).containsExactlyInAnyOrder(
                "Not used: " + sentence,
                "Dose not checked: valproic acid — the label's limit is per kg and " + sentence);
        assertThat(findings).allSatisfy(f -> assertThat(f.indicator()).isEqualTo("info"));
    }

    @Test
    void aPlausibleWeightIsUsed() {
        // The control: 4500 mg/day at 70 kg is 64 mg/kg/day, above the label's 60 mg/kg/day.
        assertThat(evaluate(withObservation("29463-7", "70", "kg"), List.of(),
                Fixtures.draftOrder("vpa-1", null, "Valproic Acid 250 MG Oral Capsule", 1500.0, "mg", 3, 1.0, "d")))
                .singleElement().satisfies(f -> assertThat(f.ruleId()).isEqualTo("DOSE-MAX-DAILY"));
    }

    @Test
    void aCreatinineOfZeroIsNotUsedAndTheRenalCardSaysWhy() {
        FhirResources data = withObservation("2160-0", "0", "mg/dL");
        data.add(Fixtures.resourceFromJson("""
                {"resourceType": "Observation", "id": "w", "status": "final", "effectiveDateTime": "2026-11-20T08:00:00Z",
                 "code": {"coding": [{"system": "http://loinc.org", "code": "29463-7"}]},
                 "valueQuantity": {"value": 70, "unit": "kg", "code": "kg"}}"""));

        List<Finding> findings = evaluate(data, List.of(), tramadol("t-1", 1.0, "tablet"));

        assertThat(findings).extracting(Finding::summary).containsExactlyInAnyOrder(
                "Not used: the recorded serum creatinine (0 mg/dL) is outside the plausible range 0.1–50 mg/dL",
                "Renal dosing not checked: no usable CrCl for this patient (tramadol)");
        assertThat(findings).filteredOn(f -> f.check().equals("renal")).singleElement().satisfies(f ->
                assertThat(f.detail()).contains("could not be worked out: the recorded serum creatinine (0 mg/dL)"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-50", "0", "1e400"})
    void aDoseThatIsNotAPositiveNumberIsSaidNotToHaveBeenChecked(String value) {
        JsonNode order = Fixtures.resourceFromJson("""
                {"resourceType": "MedicationRequest", "id": "t-1", "status": "draft", "intent": "order",
                 "medicationCodeableConcept": {"text": "Tramadol Hydrochloride 50 MG Oral Tablet"},
                 "dosageInstruction": [{"timing": {"repeat": {"frequency": 4, "period": 1, "periodUnit": "d"}},
                   "doseAndRate": [{"doseQuantity": {"value": %s, "unit": "mg"}}]}]}""".formatted(value));

        assertThat(evaluate(patient(), List.of(), order)).filteredOn(f -> f.check().equals("dose")).singleElement()
                .satisfies(f -> {
                    assertThat(f.ruleId()).isEqualTo("DOSE-NOT-USABLE");
                    assertThat(f.summary()).startsWith("Dose not checked: tramadol — the ordered dose");
                });
    }

    @Test
    void aBillionDosesASecondIsNotAScheduleAndNotAnAbsurdDailyDose() {
        JsonNode order = Fixtures.resourceFromJson("""
                {"resourceType": "MedicationRequest", "id": "t-1", "status": "draft", "intent": "order",
                 "medicationCodeableConcept": {"text": "Tramadol Hydrochloride 50 MG Oral Tablet"},
                 "dosageInstruction": [{"timing": {"repeat": {"frequency": 1000000000, "period": 1, "periodUnit": "s"}},
                   "doseAndRate": [{"doseQuantity": {"value": 1, "unit": "tablet"}}]}]}""");

        assertThat(evaluate(patient(), List.of(), order)).filteredOn(f -> f.check().equals("dose")).singleElement()
                .satisfies(f -> assertThat(f.summary()).isEqualTo("Dose not checked: tramadol — the ordered frequency "
                        + "(1000000000 per 1 s) is more than once a minute, which is not a dosing schedule"));
    }

    @Test
    void aHugeButFiniteDoseIsAlertedWithItsRealMagnitudeNotAnOverflowedOne() {
        // A dose that is a number, however absurd, is checked: an alert is safer than a "not checked" notice.
        List<Finding> findings = evaluate(patient(), List.of(), Fixtures.draftOrder("t-1", null,
                "Tramadol Hydrochloride 50 MG Oral Tablet", 1e300, "mg", 4, 1.0, "d"));
        assertThat(findings).filteredOn(f -> f.check().equals("dose")).singleElement().satisfies(f -> {
            assertThat(f.indicator()).isEqualTo("warning");
            assertThat(f.summary()).isEqualTo("Tramadol 4.00e+300 mg/day is above the labelled maximum of 400 mg/day");
        });
    }

    @Test
    void aStoredSnapshotWithAnInfiniteWeightIsNotTrustedWhenReplayed() throws Exception {
        // Records written before plausibility checks hold weightKg as "Infinity" (Jackson's text for it) and no list
        // of unusable measurements; a replay must not use the weight.
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        FhirResources data = withObservation("29463-7", "70", "kg");
        PatientSnapshot now = snapshot(data, List.of(Fixtures.draftOrder("vpa-1", null,
                "Valproic Acid 250 MG Oral Capsule", 1500.0, "mg", 3, 1.0, "d")));
        ObjectNode stored = json.valueToTree(now);
        stored.put("weightKg", "Infinity");
        stored.remove("unusableMeasurements");

        PatientSnapshot replayed = json.treeToValue(stored, PatientSnapshot.class);

        assertThat(replayed.weightKg()).isInfinite();
        assertThat(Evaluator.evaluate(ruleset, replayed).findings()).extracting(Finding::ruleId)
                .containsExactlyInAnyOrder("MEASUREMENT-NOT-USED", "DOSE-WEIGHT-UNKNOWN");
    }
}
