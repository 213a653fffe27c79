package org.medsafety.engine;

import org.junit.jupiter.api.Test;
import org.medsafety.engine.InteractionContext.Judged;
import org.medsafety.engine.InteractionContext.Standing;
import org.medsafety.knowledge.InteractionModifier;
import org.medsafety.knowledge.InteractionModifier.Effect;
import org.medsafety.knowledge.InteractionModifier.Factor;
import org.medsafety.knowledge.Severity;
import org.medsafety.knowledge.Source;
import org.medsafety.scenario.ScenarioParser;
import org.medsafety.snapshot.FhirResources;
import org.medsafety.snapshot.PatientSnapshot;
import org.medsafety.snapshot.SnapshotBuilder;
import org.medsafety.testing.Fixtures;
import org.medsafety.testing.ShippedRuleset;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interaction modifiers (interaction-modifiers.csv): how factors combine, and what the card says about them. The
 * scenario files check the severities; this checks the wording a pharmacist reads and the combination rules alone.
 */
class InteractionContextTest {

    // ------------------------------------------------------------------ the shipped knowledge, on the card

    @Test
    void aRaisedCardNamesEachFactorThatAppliedAndWhy() {
        Finding f = interaction("""
                patient: {age: 66, sex: male, weight: 80, scr: 1.0, egfr: 85}
                current: [Warfarin Sodium 5 MG Oral Tablet, Prednisone 10 MG Oral Tablet]
                orders: [{drug: Ibuprofen 400 MG Oral Tablet}]""", "DDI-WARFARIN-NSAID");

        assertThat(f.severity()).isEqualTo(Severity.CONTRAINDICATED);
        assertThat(f.indicator()).isEqualTo("critical");
        assertThat(f.summary()).startsWith("Contraindicated interaction: ibuprofen + warfarin")
                .endsWith("(raised: age 66, prednisone)");
        assertThat(f.detail()).contains("**Patient context**", "Age 66 (at least 66): patient risk factor",
                "Also on prednisone (Prednisone 10 MG Oral Tablet): co-medication risk factor",
                "Severity raised from major to contraindicated", "| Severity | contraindicated (raised from major",
                "HL7 FHIR implementation guide for PDDI CDS");
        assertThat(f.suggestions()).isNotEmpty();
    }

    @Test
    void aLoneRiskFactorIsNamedAndTheCardSaysWhatWouldRaiseIt() {
        Finding f = interaction("""
                patient: {age: 70, sex: male, weight: 80, scr: 1.0, egfr: 85}
                current: [Warfarin Sodium 5 MG Oral Tablet]
                orders: [{drug: Naproxen 500 MG Oral Tablet}]""", "DDI-WARFARIN-NSAID");

        assertThat(f.severity()).isEqualTo(Severity.MAJOR);
        assertThat(f.summary()).startsWith("Major interaction: naproxen + warfarin").doesNotContain("raised");
        assertThat(f.detail()).contains("Age 70 (at least 66): patient risk factor",
                "Severity unchanged (major): the source raises it only when the patient also has a co-medication risk factor");
    }

    @Test
    void aProtonPumpInhibitorSetsTheGuidesAssessRiskSeverity() {
        Finding f = interaction("""
                patient: {age: 70, sex: male, weight: 80, scr: 1.0, egfr: 85}
                current: [Warfarin Sodium 5 MG Oral Tablet, Omeprazole 20 MG Delayed Release Oral Capsule]
                orders: [{drug: Naproxen 500 MG Oral Tablet}]""", "DDI-WARFARIN-NSAID");

        assertThat(f.severity()).isEqualTo(Severity.MODERATE);
        assertThat(f.summary()).startsWith("Moderate interaction").endsWith("(lowered: omeprazole)");
        assertThat(f.detail()).contains("sets the severity to moderate", "Proton pump inhibitors and misoprostol");
    }

    @Test
    void withoutAnyFactorTheCardIsTheTableRowAlone() {
        Finding f = interaction("""
                patient: {age: 50, sex: male, weight: 80, scr: 1.0, egfr: 85}
                current: [Warfarin Sodium 5 MG Oral Tablet]
                orders: [{drug: Naproxen 500 MG Oral Tablet}]""", "DDI-WARFARIN-NSAID");

        assertThat(f.summary()).isEqualTo("Major interaction: naproxen + warfarin — increased risk of bleeding");
        assertThat(f.detail()).doesNotContain("Patient context");
    }

    @Test
    void topicalDiclofenacIsInfoWithoutASuggestionToRemoveIt() {
        Finding f = interaction("""
                patient: {age: 70, sex: male, weight: 80, scr: 1.0, egfr: 85}
                current: [Warfarin Sodium 5 MG Oral Tablet]
                orders: [{drug: Diclofenac Sodium 10 MG/ML Topical Gel}]""", "DDI-WARFARIN-NSAID");

        assertThat(f.severity()).isEqualTo(Severity.MINOR);
        assertThat(f.indicator()).isEqualTo("info");
        assertThat(f.suggestions()).isEmpty();
        assertThat(f.detail()).contains("Diclofenac by the topical route: sets the severity to minor");
    }

    @Test
    void theDigoxinCardCarriesTheLabelsDoseReduction() {
        Finding f = interaction("""
                patient: {age: 70, sex: female, weight: 65, scr: 1.0, egfr: 70}
                current: [Digoxin 0.125 MG Oral Tablet]
                orders: [{drug: Amiodarone Hydrochloride 200 MG Oral Tablet}]""", "DDI-DIGOXIN-INCREASE-OVER-50");

        assertThat(f.detail()).contains("decreasing dose by approximately 30-50%", "e61d2108-d871-44c0-b12a-2e61fbb56967");
    }

    @Test
    void digoxinAndCyclosporineNamesARaisedCreatinineFromTheGuidesUpperBound() {
        String orders = """
                current: [Digoxin 0.125 MG Oral Tablet]
                orders: [{drug: Cyclosporine 100 MG Oral Capsule}]""";
        Finding at = interaction("patient: {age: 60, scr: 1.2}\n" + orders, "DDI-DIGOXIN-CYCLOSPORINE");
        Finding below = interaction("patient: {age: 60, scr: 1.19}\n" + orders, "DDI-DIGOXIN-CYCLOSPORINE");
        Finding unknown = interaction("patient: {age: 60}\n" + orders, "DDI-DIGOXIN-CYCLOSPORINE");

        assertThat(at.severity()).isEqualTo(below.severity()).isEqualTo(unknown.severity()).isEqualTo(Severity.MODERATE);
        assertThat(at.detail()).contains("Serum creatinine 1.2 mg/dL (at least 1.2 mg/dL): risk factor named by the source");
        assertThat(below.detail()).doesNotContain("Serum creatinine 1.19");
        assertThat(unknown.detail()).contains("Not known, so not taken into account: serum creatinine");
        assertThat(interaction("patient: {age: 60, scr: 1.0}\ncurrent: [Digoxin 0.125 MG Oral Tablet, Eplerenone 25 MG "
                + "Oral Tablet]\norders: [{drug: Cyclosporine 100 MG Oral Capsule}]", "DDI-DIGOXIN-CYCLOSPORINE").detail())
                .contains("Also on eplerenone (Eplerenone 25 MG Oral Tablet): risk factor named by the source",
                        "Severity unchanged (moderate)");
    }

    @Test
    void anAgeScopedWarningShownWithoutAnAgeSaysTheAgeWasNotKnown() {
        Finding f = interaction("""
                patient: {sex: female, crcl: 80}
                current: [Hydrochlorothiazide 25 MG Oral Tablet]
                orders: [{drug: Sulfamethoxazole 800 MG / Trimethoprim 160 MG Oral Tablet}]""", "DDI-THIAZIDE-SMX");

        assertThat(f.detail()).contains("Not known, so not taken into account: age");
    }

    @Test
    void aCodedFhirConditionFromTheGuidesValueSetIsReadAndAResolvedOneIsNot() {
        // Christopher Abshire (over 75) is on warfarin; the guide's own example condition, recorded active, then resolved.
        String active = ugib("active");
        Finding f = fhirInteraction(active, "DDI-WARFARIN-NSAID");
        assertThat(f.detail()).contains("Recorded condition: Acute gastric ulcer with hemorrhage: patient risk factor");
        assertThat(f.severity()).as("patient factors only").isEqualTo(Severity.MAJOR);

        assertThat(fhirInteraction(ugib("resolved"), "DDI-WARFARIN-NSAID").detail())
                .as("conditions are read when active only").doesNotContain("Recorded condition");
    }

    // ------------------------------------------------------------------ the combination rules alone

    @Test
    void raiseNeedsAFactorOfEveryGroup() {
        Judged age = judged(Effect.RAISE, "patient", null, Standing.APPLIES);
        Judged steroid = judged(Effect.RAISE, "co-medication", null, Standing.APPLIES);
        Judged noSteroid = judged(Effect.RAISE, "co-medication", null, Standing.DOES_NOT_APPLY);

        assertThat(ContextAssessment.of(Severity.MAJOR, List.of(age, steroid)).severity()).isEqualTo(Severity.CONTRAINDICATED);
        assertThat(ContextAssessment.of(Severity.MAJOR, List.of(age, noSteroid)).severity()).isEqualTo(Severity.MAJOR);
        assertThat(ContextAssessment.of(Severity.CONTRAINDICATED, List.of(age, steroid)).severity())
                .as("never past the top of the scale").isEqualTo(Severity.CONTRAINDICATED);
    }

    @Test
    void theFirstSetFactorWinsOverRaiseAndLower() {
        Judged toMinor = judged(Effect.SET, null, Severity.MINOR, Standing.APPLIES);
        Judged toModerate = judged(Effect.SET, null, Severity.MODERATE, Standing.APPLIES);
        Judged raise = judged(Effect.RAISE, "patient", null, Standing.APPLIES);

        assertThat(ContextAssessment.of(Severity.MAJOR, List.of(toMinor, toModerate, raise)).severity())
                .isEqualTo(Severity.MINOR);
        assertThat(ContextAssessment.of(Severity.MAJOR, List.of(judged(Effect.SET, null, Severity.MINOR,
                Standing.UNKNOWN), toModerate, raise)).severity()).as("an unknown factor sets nothing")
                .isEqualTo(Severity.MODERATE);
    }

    @Test
    void raiseAndLowerTogetherCancel() {
        Judged raise = judged(Effect.RAISE, "patient", null, Standing.APPLIES);
        Judged lower = judged(Effect.LOWER, null, null, Standing.APPLIES);

        assertThat(ContextAssessment.of(Severity.MODERATE, List.of(raise, lower)).severity()).isEqualTo(Severity.MODERATE);
        assertThat(ContextAssessment.of(Severity.MODERATE, List.of(lower)).severity()).isEqualTo(Severity.MINOR);
    }

    @Test
    void aRequiredFactorWithholdsTheCardOnlyWhenKnownNotToApply() {
        assertThat(ContextAssessment.of(Severity.MAJOR, List.of(judged(Effect.REQUIRE, null, null,
                Standing.DOES_NOT_APPLY))).suppressed()).isTrue();
        assertThat(ContextAssessment.of(Severity.MAJOR, List.of(judged(Effect.REQUIRE, null, null,
                Standing.UNKNOWN))).suppressed()).isFalse();
        assertThat(ContextAssessment.of(Severity.MAJOR, List.of(judged(Effect.REQUIRE, null, null,
                Standing.NOT_RELEVANT))).suppressed()).isFalse();
    }

    @Test
    void routeWordsAreReadAsWholeWords() {
        assertThat(InteractionContext.routeWord("Diclofenac Sodium 1 MG/ML Ophthalmic Solution")).isEqualTo("ophthalmic");
        assertThat(InteractionContext.routeWord("Voltaren Gel")).isEqualTo("topical");
        assertThat(InteractionContext.routeWord("Acetaminophen 500 MG Gelcap")).isNull();
        assertThat(InteractionContext.routeWord("Bacitracin antibiotic ointment")).isEqualTo("topical");
        assertThat(InteractionContext.routeWord("Methylene Blue 5 MG/ML Injectable Solution")).isEqualTo("parenteral");
        assertThat(InteractionContext.routeWord("Methylene Blue 65 MG Oral Tablet")).isEqualTo("oral");
    }

    // ------------------------------------------------------------------ helpers

    private static Judged judged(Effect effect, String group, Severity severity, Standing standing) {
        InteractionModifier m = new InteractionModifier("M", "DDI-X", Factor.MIN_AGE, "66", 66.0, Set.of(), Set.of(),
                group, effect, severity, "note", new Source("source", null));
        return new Judged(m, standing, "factor");
    }

    private static String ugib(String clinicalStatus) {
        return """
                {"resourceType": "Condition", "id": "ugib-1",
                 "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                                                "code": "%s"}]},
                 "code": {"coding": [{"system": "http://snomed.info/sct", "code": "89748001",
                                      "display": "Acute gastric ulcer with hemorrhage"}]}}""".formatted(clinicalStatus);
    }

    /** As {@link #interaction}, from FHIR: a Synthea patient on warfarin, one more resource, and a naproxen order. */
    private static Finding fhirInteraction(String extraResource, String row) {
        com.fasterxml.jackson.databind.JsonNode bundle = Fixtures.synthea(Fixtures.ABSHIRE);
        FhirResources data = new FhirResources();
        data.add(bundle);
        data.add(Fixtures.bundleOf(Fixtures.resourceFromJson(extraResource)));
        PatientSnapshot snapshot = new SnapshotBuilder().build(Fixtures.patientId(bundle), data,
                Fixtures.bundleOf(Fixtures.draftOrder("np-1", "849574", "Naproxen sodium 220 MG Oral Tablet", null,
                        null, null, null, null)), null, Instant.parse("2026-11-25T10:00:00Z"));
        List<Finding> findings = Evaluator.evaluate(ShippedRuleset.get(), snapshot).findings();
        return findings.stream().filter(f -> row.equals(f.knowledgeId())).findFirst()
                .orElseThrow(() -> new AssertionError(row + " did not fire: " + findings));
    }

    /** The one interaction finding of this row for a patient written as a scenario. */
    private static Finding interaction(String scenario, String row) {
        String yaml = "scenarios:\n  - name: t\n    expect: []\n" + scenario.indent(4);
        PatientSnapshot snapshot = new ScenarioParser().parse("t.yaml", yaml.getBytes(StandardCharsets.UTF_8))
                .scenarios().get(0).snapshot();
        List<Finding> findings = Evaluator.evaluate(ShippedRuleset.get(), snapshot, false).findings();
        return findings.stream().filter(f -> row.equals(f.knowledgeId())).findFirst()
                .orElseThrow(() -> new AssertionError(row + " did not fire: " + findings));
    }
}
