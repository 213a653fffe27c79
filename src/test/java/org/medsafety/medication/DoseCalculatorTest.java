package org.medsafety.medication;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medsafety.engine.RulesetFiles;
import org.medsafety.knowledge.Ingredient;
import org.medsafety.knowledge.KnowledgeLoader;
import org.medsafety.knowledge.Source;
import org.medsafety.knowledge.Strength;
import org.medsafety.snapshot.ClinicalCode;
import org.medsafety.snapshot.DoseInstruction;
import org.medsafety.snapshot.MedicationConcept;
import org.medsafety.snapshot.Quantity;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Milligrams of one ingredient per administration, or null when that cannot be known. */
class DoseCalculatorTest {

    private static final Source SOURCE = new Source("test", null);
    private static final Ingredient EPINEPHRINE = new Ingredient(3992, "epinephrine", List.of(), SOURCE);
    private static final Ingredient ALBUTEROL = new Ingredient(435, "albuterol", List.of(), SOURCE);

    private static ResolvedMedication warfarin5mgTablet;
    private static ResolvedMedication amoxicillinClavulanate;

    @BeforeAll
    static void resolveWithShippedKnowledge() {
        KnowledgeLoader.Result loaded = KnowledgeLoader.load(
                RulesetFiles.read(Path.of("rules"), Path.of("knowledge-base")).knowledge());
        assertThat(loaded.problems()).isEmpty();
        MedicationResolver resolver = new MedicationResolver(loaded.knowledge());
        warfarin5mgTablet = resolver.resolve(new MedicationConcept(
                List.of(new ClinicalCode(ClinicalCode.RXNORM, "855332", null)), "Warfarin Sodium 5 MG Oral Tablet"));
        // Two-ingredient product with both parts known, built by hand: the shipped table has no clavulanate.
        amoxicillinClavulanate = new ResolvedMedication("Amoxicillin 500 MG / Clavulanate 125 MG Oral Tablet", List.of(
                new ResolvedIngredient(new Ingredient(723, "amoxicillin", List.of(), SOURCE), new Strength(723, 500, "mg", null)),
                new ResolvedIngredient(new Ingredient(48203, "clavulanate", List.of(), SOURCE), new Strength(48203, 125, "mg", null))),
                List.of(), "oral tablet", "oral");
    }

    @Test
    void twoTabletsOfWarfarin5mgAre10mg() {
        assertThat(mgOf(dose(2, "tablet"), warfarin5mgTablet)).isEqualTo(10.0);
        assertThat(mgOf(dose(2, "{tbl}"), warfarin5mgTablet)).isEqualTo(10.0);
        assertThat(mgOf(dose(2, "Tablets"), warfarin5mgTablet)).isEqualTo(10.0);
    }

    @Test
    void aDoseWithoutUnitCountsTabletsAsSyntheaWritesIt() {
        assertThat(DoseCalculator.isCountedUnit(dose(1, null).dose())).isTrue();
        assertThat(mgOf(dose(1.5, null), warfarin5mgTablet)).isEqualTo(7.5);
    }

    @Test
    void aMassDoseOfASingleIngredientProductIsThatMass() {
        assertThat(mgOf(dose(0.5, "g"), warfarin5mgTablet)).isCloseTo(500.0, within(1e-9));
        assertThat(mgOf(dose(7.5, "mg"), warfarin5mgTablet)).isEqualTo(7.5);
        assertThat(mgOf(dose(2500, "mcg"), warfarin5mgTablet)).isCloseTo(2.5, within(1e-9));
    }

    @Test
    void aMassDoseOfACombinationProductCannotBeAttributedToOneIngredient() {
        // "500 mg" of co-amoxiclav: of which ingredient? Unknown, so no dose check rather than a wrong one.
        for (ResolvedIngredient ingredient : amoxicillinClavulanate.ingredients()) {
            assertThat(DoseCalculator.milligramsPerDose(dose(500, "mg"), ingredient, 2)).isNull();
        }
    }

    @Test
    void countedDoseOfACombinationProductGivesEachIngredient() {
        ResolvedIngredient amoxicillin = amoxicillinClavulanate.ingredients().get(0);
        ResolvedIngredient clavulanate = amoxicillinClavulanate.ingredients().get(1);

        assertThat(DoseCalculator.milligramsPerDose(dose(2, "tablet"), amoxicillin, 2)).isEqualTo(1000.0);
        assertThat(DoseCalculator.milligramsPerDose(dose(2, "tablet"), clavulanate, 2)).isEqualTo(250.0);
    }

    @Test
    void volumeDoseOfASolutionUsesItsStrengthPerMillilitre() {
        // 5 mL of a 1 MG/ML solution, strength as RxNorm spells it.
        ResolvedIngredient solution = new ResolvedIngredient(EPINEPHRINE, new Strength(3992, 1, "MG", "ML"));

        assertThat(DoseCalculator.milligramsPerDose(dose(5, "mL"), solution, 1)).isCloseTo(5.0, within(1e-9));
        assertThat(DoseCalculator.milligramsPerDose(dose(0.3, "ML"), solution, 1)).isCloseTo(0.3, within(1e-9));
        assertThat(DoseCalculator.milligramsPerDose(dose(0.005, "L"), solution, 1)).isCloseTo(5.0, within(1e-9));
    }

    @Test
    void countedDoseOfAPerActuationStrengthIsUnknown() {
        // 2 puffs of albuterol 0.09 MG/ACTUAT: not read as 2 × a per-tablet strength.
        ResolvedIngredient inhaler = new ResolvedIngredient(ALBUTEROL, new Strength(435, 0.09, "MG", "ACTUAT"));

        assertThat(DoseCalculator.milligramsPerDose(dose(2, "puff"), inhaler, 1)).isNull();
    }

    @Test
    void countedDoseWithoutAKnownStrengthIsUnknown() {
        ResolvedIngredient warfarinByIngredientCode = new ResolvedIngredient(
                warfarin5mgTablet.ingredients().get(0).ingredient(), null);

        assertThat(DoseCalculator.milligramsPerDose(dose(2, "tablet"), warfarinByIngredientCode, 1)).isNull();
    }

    @Test
    void anUninterpretableUnitOrNoDoseIsUnknown() {
        assertThat(mgOf(dose(2, "spoonful"), warfarin5mgTablet)).isNull();
        assertThat(mgOf(dose(2, "mL"), warfarin5mgTablet)).as("mL of a tablet").isNull();
        assertThat(mgOf(null, warfarin5mgTablet)).isNull();
        assertThat(mgOf(new DoseInstruction(null, 2.0, false, 14.0, null, false, null), warfarin5mgTablet)).isNull();
    }

    @Test
    void aDoseThatIsNotAPositiveFiniteAmountGivesNoMilligrams() {
        // Never a negative, zero or infinite mg figure that a limit comparison would pass or print.
        assertThat(mgOf(dose(-2, "tablet"), warfarin5mgTablet)).isNull();
        assertThat(mgOf(dose(0, "mg"), warfarin5mgTablet)).isNull();
        assertThat(mgOf(dose(Double.POSITIVE_INFINITY, "mg"), warfarin5mgTablet)).isNull();
        assertThat(mgOf(dose(1e308, "tablet"), warfarin5mgTablet)).as("5e308 mg overflows a double").isNull();
        assertThat(mgOf(dose(2, "(".repeat(5000) + "mg" + ")".repeat(5000)), warfarin5mgTablet)).isNull();
    }

    private static Double mgOf(DoseInstruction dose, ResolvedMedication medication) {
        return DoseCalculator.milligramsPerDose(dose, medication.ingredients().get(0), medication.ingredients().size());
    }

    private static DoseInstruction dose(double value, String unit) {
        return new DoseInstruction(new Quantity(value, null, unit), 1.0, false, 7.0, null, false, null);
    }
}
