package org.medsafety.engine;

import org.medsafety.testing.ShippedRuleset;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medsafety.snapshot.FhirResources;
import org.medsafety.snapshot.PatientSnapshot;
import org.medsafety.snapshot.SnapshotBuilder;
import org.medsafety.testing.Fixtures;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped rules and knowledge, run on real third-party patient data without Quarkus. */
class EvaluatorTest {

    private static Ruleset ruleset;

    @BeforeAll
    static void compileShippedRuleset() {
        ruleset = ShippedRuleset.get();
    }

    private static List<Finding> evaluate(String synthea, JsonNode... draftOrders) {
        JsonNode bundle = Fixtures.synthea(synthea);
        FhirResources data = new FhirResources();
        data.add(bundle);
        PatientSnapshot snapshot = new SnapshotBuilder().build(Fixtures.patientId(bundle), data,
                Fixtures.bundleOf(draftOrders), null, Instant.parse("2026-11-25T10:00:00Z"));
        return Evaluator.evaluate(ruleset, snapshot).findings();
    }

    @Test
    void anOrderCodedWithASystemOnlyIsReportedAsNotScreenedRatherThanFailingTheCall() {
        ObjectNode order = Fixtures.draftOrder("bare-1", null, null, null, null, null, null, null);
        order.remove("medicationCodeableConcept");
        order.putObject("medicationCodeableConcept").putArray("coding").addObject()
                .put("system", "http://www.nlm.nih.gov/research/umls/rxnorm");
        List<Finding> findings = evaluate(Fixtures.ABSHIRE, order);
        assertThat(findings).anyMatch(f -> f.check().equals("unscreened") && f.summary().contains("unnamed medication"));
    }

    @Test
    void aDoseWithoutAScheduleIsStillScreenedRatherThanFailingTheCall() {
        // Found by the request property test: a dose with no timing made fact assembly throw (a 500 for the EHR).
        List<Finding> findings = evaluate(Fixtures.ABSHIRE,
                Fixtures.draftOrder("np-1", "849574", "Naproxen sodium 220 MG Oral Tablet", 1.0, "tablet", null, null,
                        null));
        assertThat(findings).anyMatch(f -> "DDI-WARFARIN-NSAID".equals(f.knowledgeId()));
    }

    @Test
    void naproxenForAPatientOnWarfarinRaisesAMajorBleedingInteraction() {
        List<Finding> findings = evaluate(Fixtures.ABSHIRE,
                Fixtures.draftOrder("np-1", "849574", "Naproxen sodium 220 MG Oral Tablet", 1.0, null, 2, 1.0, "d"));

        // The patient is also on hydrochlorothiazide: thiazide + NSAID is an ONC non-interruptive (info) pair.
        assertThat(findings).filteredOn(f -> f.check().equals("interaction") && !f.indicator().equals("info"))
                .singleElement().satisfies(f -> {
            assertThat(f.knowledgeId()).isEqualTo("DDI-WARFARIN-NSAID");
            assertThat(f.indicator()).isEqualTo("warning");
            assertThat(f.orderRef()).isEqualTo("MedicationRequest/np-1");
            assertThat(f.drugs()).containsExactly("naproxen", "warfarin");
            assertThat(f.summary()).contains("bleeding");
            assertThat(f.source().citation()).contains("3ebcb71e-9a7e-4969-abb9-7c7d3e3aae3c");
        });
    }

    @Test
    void tramadolAboveTheGeriatricDailyMaximumSuggestsTheLargestAllowedDose() {
        // Christopher Abshire is over 75: the label's 300 mg/day geriatric limit applies, not the adult 400 mg/day.
        List<Finding> findings = evaluate(Fixtures.ABSHIRE,
                Fixtures.draftOrder("tr-1", null, "Tramadol Hydrochloride 50 MG Oral Tablet", 3.0, "tablet", 4, 1.0, "d"));

        assertThat(findings).filteredOn(f -> f.check().equals("dose")).singleElement().satisfies(f -> {
            assertThat(f.summary()).contains("600 mg/day").contains("300 mg/day");
            assertThat(f.knowledgeId()).isEqualTo("DOSE-TRAMADOL-ORAL-OVER75");
            assertThat(f.suggestions()).first().satisfies(s -> {
                assertThat(s.kind()).isEqualTo(Finding.SuggestedChange.Kind.CHANGE_DOSE);
                assertThat(s.newDoseValue()).isEqualTo(1.0); // 4 × 1 tablet of 50 mg = 200 mg/day
            });
        });
    }

    @Test
    void anUnknownDrugIsNeverSilentlySkipped() {
        List<Finding> findings = evaluate(Fixtures.ABSHIRE,
                Fixtures.draftOrder("x-1", null, "Zorblaxin 10 MG Oral Tablet", null, null, null, null, null));

        assertThat(findings).filteredOn(f -> f.ruleId().equals("UNSCREENED-DRAFT-ORDER")).singleElement()
                .satisfies(f -> {
                    assertThat(f.indicator()).isEqualTo("info");
                    assertThat(f.summary()).contains("Zorblaxin");
                });
    }

    private static List<Finding> evaluateWith(JsonNode allergy, JsonNode activeMedication, JsonNode... draftOrders) {
        FhirResources data = new FhirResources();
        data.add(Fixtures.JSON.createObjectNode().put("resourceType", "Patient").put("id", "p1")
                .put("gender", "female").put("birthDate", "1970-01-01"));
        if (allergy != null) {
            data.add(allergy);
        }
        if (activeMedication != null) {
            data.add(activeMedication);
        }
        PatientSnapshot snapshot = new SnapshotBuilder().build("p1", data, Fixtures.bundleOf(draftOrders), null,
                Instant.parse("2026-11-25T10:00:00Z"));
        return Evaluator.evaluate(ruleset, snapshot).findings();
    }

    private static JsonNode allergy(String rxcui, String text, String criticality, String category) {
        com.fasterxml.jackson.databind.node.ObjectNode a = Fixtures.JSON.createObjectNode();
        a.put("resourceType", "AllergyIntolerance").put("id", "a1");
        if (criticality != null) {
            a.put("criticality", criticality);
        }
        a.putArray("category").add(category);
        com.fasterxml.jackson.databind.node.ObjectNode code = a.putObject("code");
        if (rxcui != null) {
            code.putArray("coding").addObject().put("system", "http://www.nlm.nih.gov/research/umls/rxnorm")
                    .put("code", rxcui).put("display", text);
        }
        code.put("text", text);
        return a;
    }

    private static final JsonNode AMOXICILLIN = Fixtures.draftOrder("amox-1", "308182", "Amoxicillin 250 MG Oral Capsule",
            2.0, "capsule", 3, 1.0, "d");

    @Test
    void aPenicillinAllergyWarnsOnAmoxicillin() {
        assertThat(evaluateWith(allergy("7984", "Penicillin V", "low", "medication"), null, AMOXICILLIN))
                .filteredOn(f -> f.check().equals("allergy")).singleElement().satisfies(f -> {
                    assertThat(f.knowledgeId()).isEqualTo("ALG-PENICILLIN-CLASS");
                    assertThat(f.indicator()).isEqualTo("warning");
                });
    }

    @Test
    void aHighCriticalityPenicillinAllergyMakesAmoxicillinCritical() {
        assertThat(evaluateWith(allergy("7984", "Penicillin V", "high", "medication"), null, AMOXICILLIN))
                .filteredOn(f -> f.check().equals("allergy")).singleElement().satisfies(f -> {
                    assertThat(f.indicator()).isEqualTo("critical");
                    assertThat(f.detail()).contains("high criticality");
                });
    }

    @Test
    void anAllergyRecordedAsTheClassByTextAlsoMatches() {
        assertThat(evaluateWith(allergy(null, "Penicillins", null, "medication"), null, AMOXICILLIN))
                .filteredOn(f -> f.check().equals("allergy")).singleElement()
                .satisfies(f -> assertThat(f.ruleId()).isEqualTo("ALLERGY-CLASS"));
    }

    @Test
    void anAllergyToTheOrderedIngredientItselfIsContraindicated() {
        assertThat(evaluateWith(allergy("723", "Amoxicillin", null, "medication"), null, AMOXICILLIN))
                .filteredOn(f -> f.check().equals("allergy")).singleElement().satisfies(f -> {
                    assertThat(f.ruleId()).isEqualTo("ALLERGY-SAME-INGREDIENT");
                    assertThat(f.indicator()).isEqualTo("critical");
                });
    }

    @Test
    void aFoodAllergyIsNotADrugAllergy() {
        assertThat(evaluateWith(allergy(null, "Shellfish allergy", "high", "food"), null, AMOXICILLIN)).isEmpty();
    }

    @Test
    void aDrugAllergyTheServiceCannotReadIsSaidNotToHaveBeenChecked() {
        assertThat(evaluateWith(allergy(null, "Zorblaxin", null, "medication"), null, AMOXICILLIN))
                .singleElement().satisfies(f -> {
                    assertThat(f.ruleId()).isEqualTo("UNSCREENED-ALLERGY");
                    assertThat(f.summary()).contains("Zorblaxin");
                });
    }

    @Test
    void anSsriForAPatientOnAnMaoInhibitorIsAContraindicatedOncInteraction() {
        JsonNode phenelzine = Fixtures.draftOrder("home-1", "8123", "phenelzine", null, null, null, null, null)
                .put("status", "active");
        assertThat(evaluateWith(null, phenelzine,
                Fixtures.draftOrder("ssri-1", null, "Sertraline 50 MG Oral Tablet", 1.0, "tablet", 1, 1.0, "d")))
                .singleElement().satisfies(f -> {
                    assertThat(f.knowledgeId()).isEqualTo("DDI-ONC-08");
                    assertThat(f.indicator()).isEqualTo("critical");
                    assertThat(f.oncHighPriority()).isTrue();
                    assertThat(f.orderRef()).isEqualTo("MedicationRequest/ssri-1");
                });
    }

    @Test
    void twoDraftOrdersThatInteractGiveOneCardNotTwo() {
        assertThat(evaluateWith(null, null,
                Fixtures.draftOrder("w-1", "855332", "Warfarin Sodium 5 MG Oral Tablet", 1.0, "tablet", 1, 1.0, "d"),
                Fixtures.draftOrder("n-1", "849574", "Naproxen sodium 220 MG Oral Tablet", 1.0, "tablet", 2, 1.0, "d")))
                .filteredOn(f -> f.check().equals("interaction")).hasSize(1);
    }

    @Test
    void tramadolWithinTheLabelStaysSilent() {
        assertThat(evaluateWith(null, null,
                Fixtures.draftOrder("t-1", null, "Tramadol Hydrochloride 50 MG Oral Tablet", 1.0, "tablet", 4, 1.0, "d")))
                // No CrCl for this patient: the renal limit (renal-limits.csv) rightly adds an info card; the dose is silent.
                .filteredOn(f -> !f.check().equals("renal")).isEmpty();
    }
}
