package org.medsafety.engine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medsafety.scenario.ScenarioParser;
import org.medsafety.testing.ShippedRuleset;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the new cards say (scenario files check which cards fire; this checks their words): the orders a cumulative
 * dose adds up from, the criteria a reduced dose rests on, a stale laboratory value with its date and age, and an
 * eGFR on record that a CrCl-only label does not let the service use.
 */
class NoiseAndDoseCardsTest {

    private static Ruleset ruleset;

    @BeforeAll
    static void compile() {
        ruleset = ShippedRuleset.get();
    }

    private static List<Finding> evaluate(String scenarioYaml) {
        ScenarioParser.Parsed parsed = new ScenarioParser().parse("test.yaml",
                ("scenarios:\n" + scenarioYaml).getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.problems()).isEmpty();
        return Evaluator.evaluate(ruleset, parsed.scenarios().get(0).snapshot(), false).findings();
    }

    private static Finding only(List<Finding> findings, String ruleId) {
        List<Finding> matching = findings.stream().filter(f -> f.ruleId().equals(ruleId)).toList();
        assertThat(matching).as(ruleId + " in " + findings).hasSize(1);
        return matching.get(0);
    }

    @Test
    void theCumulativeCardNamesEveryOrderThatAddsUpAndTheTotal() {
        Finding f = only(evaluate("""
                  - name: t
                    patient: {age: 45, sex: female, weight: 70}
                    current: [{drug: Acetaminophen 300 MG / Codeine Phosphate 30 MG Oral Tablet, dose: 2 tablet, frequency: 4/d}]
                    orders:
                      - {drug: Acetaminophen 500 MG Oral Tablet, dose: 2 tablet, frequency: 2/d}
                    expect: []
                """), "DOSE-CUMULATIVE-DAILY");

        assertThat(f.summary()).isEqualTo("Acetaminophen 4400 mg/day from 2 orders together is above the labelled "
                + "maximum of 4000 mg/day");
        assertThat(f.detail()).contains("**Acetaminophen 500 MG Oral Tablet** (this order): 2000 mg/day")
                .contains("**Acetaminophen 300 MG / Codeine Phosphate 30 MG Oral Tablet** (current medication): 2400 mg/day");
        assertThat(f.orderRef()).isEqualTo("MedicationRequest/order-1");
        assertThat(f.relatedRefs()).containsExactly("MedicationRequest/current-1");
        assertThat(f.knowledgeId()).isEqualTo("DOSE-ACETAMINOPHEN-ORAL-ADULT");
    }

    @Test
    void theApixabanCardSaysWhichCriteriaThePatientMeets() {
        Finding f = only(evaluate("""
                  - name: t
                    patient: {age: 82, sex: female, weight: 55}
                    orders:
                      - {drug: Apixaban 5 MG Oral Tablet, dose: 1 tablet, frequency: 2/d}
                    expect: []
                """), "DOSE-REDUCTION-CRITERIA");

        assertThat(f.summary()).isEqualTo("Apixaban 5 mg per dose is above the 2.5 mg the label gives patients like "
                + "this one");
        assertThat(f.detail()).contains("at least 2 of: age ≥ 80 years, weight ≤ 60 kg, serum creatinine ≥ 1.5 mg/dL")
                .contains("This patient has age ≥ 80 years (82 years); weight ≤ 60 kg (55 kg)")
                .contains("Nonvalvular Atrial Fibrillation");
        assertThat(f.suggestions()).extracting(Finding.SuggestedChange::kind).contains(
                Finding.SuggestedChange.Kind.REMOVE_ORDER);
    }

    @Test
    void aStaleCreatinineIsNamedWithItsDateAndAgeOnTheRenalCard() {
        Finding f = only(evaluate("""
                  - name: t
                    evaluated-at: 2025-06-01T12:00:00Z
                    patient: {age: 60, sex: male, weight: 70, scr: 3.1, scr-date: 2025-03-02}
                    orders:
                      - {drug: Tramadol Hydrochloride 50 MG Oral Tablet, dose: 2 tablet, frequency: 3/d}
                    expect: []
                """), "RENAL-FUNCTION-UNKNOWN");

        assertThat(f.summary()).isEqualTo("Renal dosing not checked: the latest serum creatinine is stale (tramadol)");
        assertThat(f.detail()).contains("the recorded serum creatinine (3.1 mg/dL) is stale: measured on 2025-03-02, "
                + "91 days before this evaluation, over the 90-day limit for laboratory values");
    }

    @Test
    void anEgfrStandsInForACrclThatCannotBeWorkedOutAndTheCardSaysSo() {
        Finding f = only(evaluate("""
                  - name: t
                    patient: {age: 70, sex: female, egfr: 25}
                    orders:
                      - {drug: Tramadol Hydrochloride 50 MG Oral Tablet, dose: 2 tablet, frequency: 3/d}
                    expect: []
                """), "RENAL-MAX-DAILY");

        assertThat(f.summary()).isEqualTo("Tramadol 300 mg/day is above 200 mg/day for eGFR (in place of CrCl) 25");
        assertThat(f.detail()).contains("the patient's eGFR (in place of CrCl) is **25 mL/min/1.73 m²**")
                .contains("CrCl below 30 mL/min");
    }

    @Test
    void aRowStatedInBothMeasuresNamesTheOneThatDecided() {
        Finding f = only(evaluate("""
                  - name: t
                    patient: {age: 70, sex: female, egfr: 25}
                    orders:
                      - {drug: Mirabegron 50 MG Extended Release Oral Tablet, dose: 1 tablet, frequency: 1/d}
                    expect: []
                """), "RENAL-MAX-DAILY");

        assertThat(f.summary()).isEqualTo("Mirabegron 50 mg/day is above 25 mg/day for eGFR 25");
        assertThat(f.detail()).contains("the patient's eGFR is **25 mL/min/1.73 m²**")
                .contains("CrCl 15 to below 30 mL/min or eGFR 15 to below 30 mL/min/1.73 m²");
    }

    @Test
    void aStoredSnapshotKeepsRenewalsDosesAndStaleValuesAndAnOldRecordReadsWithout() throws Exception {
        // Replay reads the snapshot an evaluation stored: the new fields must survive, and records written before
        // them must still read (no renewal, no current dose, nothing stale).
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper()
                .findAndRegisterModules();
        ScenarioParser.Parsed parsed = new ScenarioParser().parse("t.yaml", """
                scenarios:
                  - name: t
                    evaluated-at: 2025-06-01T12:00:00Z
                    patient: {age: 45, sex: female, weight: 70, scr: 1.0, scr-date: 2024-01-01}
                    current: [{drug: Acetaminophen 500 MG Oral Tablet, dose: 2 tablet, frequency: 4/d}]
                    orders: [{drug: Acetaminophen 500 MG Oral Tablet, dose: 2 tablet, frequency: 3/d, renews: 1}]
                    expect: []
                """.getBytes(StandardCharsets.UTF_8));
        org.medsafety.snapshot.PatientSnapshot original = parsed.scenarios().get(0).snapshot();

        com.fasterxml.jackson.databind.node.ObjectNode stored = json.valueToTree(original);
        org.medsafety.snapshot.PatientSnapshot replayed = json.treeToValue(stored,
                org.medsafety.snapshot.PatientSnapshot.class);
        assertThat(replayed).isEqualTo(original);
        assertThat(Evaluator.evaluate(ruleset, replayed, false).findings()).isEmpty();

        ((com.fasterxml.jackson.databind.node.ObjectNode) stored.path("draftOrders").path(0)).remove("priorPrescription");
        ((com.fasterxml.jackson.databind.node.ObjectNode) stored.path("activeMedications").path(0)).remove("dose");
        ((com.fasterxml.jackson.databind.node.ObjectNode) stored.path("unusableMeasurements").path(0)).remove("stale");
        org.medsafety.snapshot.PatientSnapshot old = json.treeToValue(stored, org.medsafety.snapshot.PatientSnapshot.class);
        assertThat(old.draftOrders().get(0).priorPrescription()).isNull();
        assertThat(old.activeMedications().get(0).dose()).isNull();
        assertThat(old.unusableMeasurements().get(0).stale()).isFalse();
    }
}
