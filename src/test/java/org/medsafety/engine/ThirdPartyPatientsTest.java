package org.medsafety.engine;

import org.medsafety.testing.ShippedRuleset;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medsafety.snapshot.FhirResources;
import org.medsafety.snapshot.PatientSnapshot;
import org.medsafety.snapshot.SnapshotBuilder;
import org.medsafety.testing.Fixtures;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each check on real Synthea patients (their medications, ages, weights and labs as generated), with one order
 * added the way a prescriber would: the checks fire where they should and stay silent where they should.
 */
class ThirdPartyPatientsTest {

    private static Ruleset ruleset;

    @BeforeAll
    static void compile() {
        ruleset = ShippedRuleset.get();
    }

    private static List<Finding> order(String synthea, JsonNode draftOrder) {
        return order(synthea, draftOrder, Instant.parse("2026-11-25T10:00:00Z"));
    }

    private static List<Finding> order(String synthea, JsonNode draftOrder, Instant now) {
        JsonNode bundle = Fixtures.synthea(synthea);
        FhirResources data = new FhirResources();
        data.add(bundle);
        PatientSnapshot snapshot = new SnapshotBuilder().build(Fixtures.patientId(bundle), data,
                Fixtures.bundleOf(draftOrder), null, now);
        return Evaluator.evaluate(ruleset, snapshot).findings();
    }

    @Test
    void renewingSimvastatinForAPatientOnVerapamilIsTheOncHighPriorityPairAndIsNotSuppressed() {
        // Cruz Halvorson takes simvastatin 20 mg and verapamil (ONC high-priority pair #25).
        List<Finding> findings = order(Fixtures.HALVORSON,
                Fixtures.draftOrder("s-1", "312961", "Simvastatin 20 MG Oral Tablet", 1.0, "tablet", 1, 1.0, "d"));
        assertThat(findings).filteredOn(f -> "DDI-ONC-25".equals(f.knowledgeId())).singleElement()
                .satisfies(f -> assertThat(f.indicator()).isEqualTo("critical"));
        assertThat(findings).anySatisfy(f -> assertThat(f.ruleId()).isEqualTo("DUPLICATE-SAME-INGREDIENT"));
    }

    @Test
    void tramadolAboveTheAdultMaximumForAMiddleAgedPatient() {
        // Dirk Kuhlman is in his fifties: the adult 400 mg/day limit applies.
        List<Finding> findings = order(Fixtures.KUHLMAN,
                Fixtures.draftOrder("t-1", null, "Tramadol Hydrochloride 50 MG Oral Tablet", 2.0, "tablet", 6, 1.0, "d"));
        assertThat(findings).filteredOn(f -> f.check().equals("dose")).singleElement().satisfies(f -> {
            assertThat(f.knowledgeId()).isEqualTo("DOSE-TRAMADOL-ORAL-ADULT");
            assertThat(f.summary()).contains("600 mg/day").contains("400 mg/day");
        });
    }

    @Test
    void renalLimitsUseTheCreatinineClearanceWorkedOutFromTheRecord() {
        // Dirk Kuhlman: 94.5 kg, serum creatinine 1.51 mg/dL (2021-03-02), male: CrCl about 75 mL/min, above
        // nitrofurantoin's 60. Evaluated a month after that creatinine, while it is recent enough to use.
        List<Finding> normal = order(Fixtures.KUHLMAN,
                Fixtures.draftOrder("n-1", null, "Nitrofurantoin 100 MG Oral Capsule", 1.0, "capsule", 2, 1.0, "d"),
                Instant.parse("2021-04-01T10:00:00Z"));
        assertThat(normal).noneSatisfy(f -> assertThat(f.check()).isEqualTo("renal"));

        // Cruz Halvorson has no creatinine on record: the renal limit could not be checked, and the card says so.
        List<Finding> unknown = order(Fixtures.HALVORSON,
                Fixtures.draftOrder("n-2", null, "Nitrofurantoin 100 MG Oral Capsule", 1.0, "capsule", 2, 1.0, "d"));
        assertThat(unknown).filteredOn(f -> f.check().equals("renal")).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("RENAL-FUNCTION-UNKNOWN");
            assertThat(f.indicator()).isEqualTo("info");
        });
    }

    @Test
    void aSecondMetforminOrderForAPatientOnMetforminIsADuplicate() {
        List<Finding> findings = order(Fixtures.KUHLMAN,
                Fixtures.draftOrder("m-1", null, "Metformin hydrochloride 500 MG Oral Tablet", 1.0, "tablet", 2, 1.0, "d"));
        assertThat(findings).filteredOn(f -> f.check().equals("duplicate")).singleElement()
                .satisfies(f -> assertThat(f.drugs()).containsExactly("metformin"));
    }

    @Test
    void orderingSomethingElseDoesNotReAlertTheCurrentNaproxenClopidogrelPair() {
        // Gayla Ferry already takes naproxen with clopidogrel: ordering acetaminophen must not re-alert that pair.
        List<Finding> findings = order(Fixtures.FERRY,
                Fixtures.draftOrder("a-1", "313782", "Acetaminophen 325 MG Oral Tablet", 2.0, "tablet", 3, 1.0, "d"));
        assertThat(findings).noneSatisfy(f -> assertThat(f.drugs()).contains("naproxen", "clopidogrel"));
        assertThat(findings).noneSatisfy(f -> assertThat(f.indicator()).isIn("warning", "critical"));
    }

    @Test
    void theFhirSpecificationsPenicillinAllergyExampleMakesAmoxicillinCritical() {
        // The HL7 FHIR example allergy (penicillin G, criticality high) on a real Synthea patient.
        JsonNode bundle = Fixtures.synthea(Fixtures.ABSHIRE);
        FhirResources data = new FhirResources();
        data.add(bundle);
        data.add(Fixtures.resource("/fhir-spec/allergyintolerance-medication.json"));
        PatientSnapshot snapshot = new SnapshotBuilder().build(Fixtures.patientId(bundle), data,
                Fixtures.bundleOf(Fixtures.draftOrder("a-1", "308182", "Amoxicillin 250 MG Oral Capsule", 2.0, "capsule",
                        3, 1.0, "d")), null, Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(Evaluator.evaluate(ruleset, snapshot).findings()).filteredOn(f -> f.check().equals("allergy"))
                .singleElement().satisfies(f -> {
                    assertThat(f.knowledgeId()).isEqualTo("ALG-PENICILLIN-CLASS");
                    assertThat(f.indicator()).isEqualTo("critical");
                    assertThat(f.detail()).contains("high criticality");
                });
    }

    @Test
    void aShellfishAllergyOnRecordRaisesNoDrugAllergyAlert() {
        // Gerardo Botello's only allergy is shellfish (food): amoxicillin raises no allergy alert.
        assertThat(order(Fixtures.BOTELLO,
                Fixtures.draftOrder("a-2", "308182", "Amoxicillin 250 MG Oral Capsule", 1.0, "capsule", 3, 1.0, "d")))
                .noneSatisfy(f -> assertThat(f.check()).isEqualTo("allergy"));
    }

    @Test
    void aCreatinineYearsOldIsStaleAndTheRenalCardSaysSo() {
        // Dirk Kuhlman's latest creatinine is of 2021-03-02: in 2026 it is not used, and the card gives its date.
        List<Finding> findings = order(Fixtures.KUHLMAN,
                Fixtures.draftOrder("n-1", null, "Nitrofurantoin 100 MG Oral Capsule", 1.0, "capsule", 2, 1.0, "d"));
        assertThat(findings).filteredOn(f -> f.check().equals("renal")).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("RENAL-FUNCTION-UNKNOWN");
            assertThat(f.indicator()).isEqualTo("info");
            assertThat(f.summary()).contains("serum creatinine is stale");
            assertThat(f.detail()).contains("measured on 2021-03-02").contains("over the 90-day limit");
        });
        // Old laboratory values are ordinary: no "measurement not used" data-error card.
        assertThat(findings).noneSatisfy(f -> assertThat(f.ruleId()).isEqualTo("MEASUREMENT-NOT-USED"));
    }
}
