package org.medsafety.scenario;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Pharmacists write these files by hand: every mistake must point at the file and line. */
class ScenarioParserTest {

    private final ScenarioParser parser = new ScenarioParser();

    private ScenarioParser.Parsed parse(String yaml) {
        return parser.parse("rules/dose/scenarios/x.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aWellFormedScenarioBecomesASnapshotWithDosesAndExpectations() {
        ScenarioParser.Parsed parsed = parse("""
                scenarios:
                  - name: tramadol four times a day
                    patient: {age: 80, sex: female, weight: 60, scr: 1.2}
                    allergies: [{code: 7984, text: Penicillin V, criticality: high}]
                    current: [Warfarin Sodium 5 MG Oral Tablet]
                    orders:
                      - {drug: Tramadol Hydrochloride 50 MG Oral Tablet, dose: 2 tablet, every: 6 h, route: oral}
                    expect:
                      - {check: dose, severity: major, drugs: [Tramadol]}
                """);
        assertThat(parsed.problems()).isEmpty();
        Scenario s = parsed.scenarios().get(0);
        assertThat(s.line()).isEqualTo(2);
        assertThat(s.snapshot().ageYears()).isEqualTo(80.0);
        assertThat(s.snapshot().crclMlMin()).isCloseTo((140 - 80) * 60 / (72 * 1.2) * 0.85, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.snapshot().draftOrders().get(0).dose().dosesPerDay()).isEqualTo(4.0);
        assertThat(s.snapshot().draftOrders().get(0).dose().dose().value()).isEqualTo(2.0);
        assertThat(s.snapshot().draftOrders().get(0).dose().route()).isEqualTo("oral");
        assertThat(s.snapshot().allergies().get(0).criticality()).isEqualTo("high");
        assertThat(s.expected().get(0).drugs()).containsExactly("tramadol");
    }

    @Test
    void weeklyFrequencyIsWeekly() {
        Scenario s = parse("""
                scenarios:
                  - name: weekly
                    orders: [{drug: Methotrexate 2.5 MG Oral Tablet, dose: 4 tablet, frequency: 1/wk}]
                    expect: []
                """).scenarios().get(0);
        assertThat(s.snapshot().draftOrders().get(0).dose().weekly()).isTrue();
        assertThat(s.snapshot().draftOrders().get(0).dose().dosesPerDay()).isEqualTo(1.0 / 7);
    }

    @Test
    void anUnknownKeyPointsAtItsScenario() {
        ScenarioParser.Parsed parsed = parse("""
                scenarios:
                  - name: fine
                    orders: [Warfarin Sodium 5 MG Oral Tablet]
                    expect: []
                  - name: typo
                    order: [Warfarin Sodium 5 MG Oral Tablet]
                    expect: []
                """);
        assertThat(parsed.scenarios()).hasSize(1);
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("rules/dose/scenarios/x.yaml");
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.message()).contains("unknown key 'order'");
        });
    }

    @Test
    void aBadDosePointsAtItsScenario() {
        ScenarioParser.Parsed parsed = parse("""
                scenarios:
                  - name: bad dose
                    orders: [{drug: Warfarin Sodium 5 MG Oral Tablet, dose: lots}]
                    expect: []
                """);
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).contains("scenario 'bad dose'").contains("dose 'lots'");
        });
    }

    @Test
    void brokenYamlPointsAtTheLine() {
        ScenarioParser.Parsed parsed = parse("""
                scenarios:
                  - name: ok
                    orders: [Warfarin Sodium 5 MG Oral Tablet
                    expect: []
                """);
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isBetween(3, 5);
            assertThat(p.message()).startsWith("not readable as YAML");
        });
    }

    @Test
    void aScenarioWithoutExpectIsRefused() {
        assertThat(parse("""
                scenarios:
                  - name: forgot
                    orders: [Warfarin Sodium 5 MG Oral Tablet]
                """).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("needs 'expect'"));
    }

    @Test
    void renewsNamesACurrentEntryByItsPositionAndStoppedEntriesAreNotCurrent() {
        Scenario s = parse("""
                scenarios:
                  - name: renewal
                    current:
                      - {drug: Warfarin Sodium 5 MG Oral Tablet, status: stopped}
                      - {drug: Acetaminophen 500 MG Oral Tablet, dose: 2 tablet, frequency: 4/d}
                    orders: [{drug: Acetaminophen 500 MG Oral Tablet, renews: 2}]
                    expect: []
                """).scenarios().get(0);
        assertThat(s.snapshot().activeMedications()).singleElement().satisfies(m -> {
            assertThat(m.reference()).isEqualTo("MedicationRequest/current-2");
            assertThat(m.dose().dosesPerDay()).isEqualTo(4.0);
        });
        assertThat(s.snapshot().draftOrders().get(0).priorPrescription()).isEqualTo("MedicationRequest/current-2");
    }

    @Test
    void aDatedLaboratoryValueNeedsTheEvaluationTimeAndIsStaleAfter90Days() {
        assertThat(parse("""
                scenarios:
                  - name: no time
                    patient: {scr: 1.0, scr-date: 2025-01-01}
                    orders: [Warfarin Sodium 5 MG Oral Tablet]
                    expect: []
                """).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("needs 'evaluated-at'"));

        Scenario s = parse("""
                scenarios:
                  - name: stale
                    evaluated-at: 2025-06-01T12:00:00Z
                    patient: {age: 60, sex: male, weight: 70, scr: 1.0, scr-date: 2025-03-02, egfr: 80, egfr-date: 2025-03-04}
                    orders: [Warfarin Sodium 5 MG Oral Tablet]
                    expect: []
                """).scenarios().get(0);
        assertThat(s.snapshot().serumCreatinineMgDl()).isNull();
        assertThat(s.snapshot().crclMlMin()).isNull();
        assertThat(s.snapshot().egfr()).isEqualTo(80.0);
        assertThat(s.snapshot().unusableMeasurements()).singleElement()
                .satisfies(u -> assertThat(u.stale()).isTrue());
    }
}
