package org.medsafety.medication;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medsafety.engine.RulesetFiles;
import org.medsafety.knowledge.KnowledgeLoader;
import org.medsafety.snapshot.ClinicalCode;
import org.medsafety.snapshot.DoseInstruction;
import org.medsafety.snapshot.MedicationConcept;
import org.medsafety.snapshot.Quantity;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders identified through the shipped RxNorm vocabulary: by the code of each term type, by RxNorm and brand names,
 * and by free text; and what stays unidentified. Codes and names are those of knowledge-base/rxnorm-vocabulary.tsv.gz
 * and of the Synthea patients.
 */
class VocabularyResolutionTest {

    private static MedicationResolver resolver;

    @BeforeAll
    static void loadShippedKnowledge() {
        KnowledgeLoader.Result loaded = KnowledgeLoader.load(
                RulesetFiles.read(Path.of("rules"), Path.of("knowledge-base")).knowledge());
        assertThat(loaded.problems()).isEmpty();
        resolver = new MedicationResolver(loaded.knowledge());
    }

    // ------------------------------------------------------------------ by code, each term type

    @Test
    void ingredientCode() {
        assertThat(names(code("3498"))).containsExactly("diphenhydramine");
    }

    @Test
    void preciseIngredientCodeIsItsIngredient() {
        ResolvedMedication m = code("50121"); // PIN fluticasone propionate
        assertThat(names(m)).containsExactly("fluticasone");
        assertThat(m.ingredients().get(0).ingredient().id()).isEqualTo(41126);
    }

    @Test
    void multipleIngredientCodeIsSplitIntoItsIngredients() {
        assertThat(names(code("214682"))).containsExactlyInAnyOrder("loratadine", "pseudoephedrine");
    }

    @Test
    void clinicalDrugCodeGivesStrengthAndRoute() {
        ResolvedMedication m = code("1049630"); // diphenhydramine hydrochloride 25 MG Oral Tablet
        assertThat(m.fullyIdentified()).isTrue();
        assertThat(m.ingredients()).singleElement().satisfies(i -> {
            assertThat(i.ingredient().name()).isEqualTo("diphenhydramine");
            assertThat(i.strength().amount()).isEqualTo(25.0);
            assertThat(i.strength().unit()).isEqualTo("mg");
        });
        assertThat(m.route()).isEqualTo("oral");
    }

    @Test
    void brandedDrugCode() {
        ResolvedMedication m = code("895996"); // ... fluticasone propionate 0.044 MG/ACTUAT ... [Flovent]
        assertThat(m.ingredients()).singleElement().satisfies(i -> {
            assertThat(i.ingredient().name()).isEqualTo("fluticasone");
            assertThat(i.strength().amount()).isEqualTo(0.044);
            assertThat(i.strength().per()).isEqualTo("actuat");
        });
        assertThat(m.route()).isEqualTo("inhalation");
    }

    @Test
    void packCodesGiveEveryIngredientWithoutAStrength() {
        for (String pack : List.of("748798", "748856")) { // GPCK and BPCK (Yaz 28 Day)
            ResolvedMedication m = code(pack);
            assertThat(m.fullyIdentified()).isTrue();
            assertThat(names(m)).contains("drospirenone", "ethinyl estradiol");
            assertThat(m.ingredients()).allSatisfy(i -> assertThat(i.strength()).isNull());
        }
    }

    @Test
    void brandNameCode() {
        assertThat(names(code("202991"))).containsExactly("furosemide"); // BN Lasix
    }

    @Test
    void aCodeTheVocabularyDoesNotKnowFallsBackToTheName() {
        ResolvedMedication m = resolver.resolve(new MedicationConcept(
                List.of(new ClinicalCode(ClinicalCode.RXNORM, "99999999", null)), "Loratadine 5 MG Chewable Tablet"));
        assertThat(names(m)).containsExactly("loratadine");
    }

    // ------------------------------------------------------------------ by name

    @Test
    void brandNameWithAGluedStrength() {
        ResolvedMedication m = text("Lasix 40mg");
        assertThat(m.fullyIdentified()).isTrue();
        assertThat(m.ingredients()).singleElement().satisfies(i -> {
            assertThat(i.ingredient().name()).isEqualTo("furosemide");
            assertThat(i.strength().amount()).isEqualTo(40.0);
            assertThat(i.strength().unit()).isEqualTo("mg");
        });
    }

    @Test
    void epinephrineAutoInjectorByCodeAndByName() {
        String name = "NDA020800 0.3 ML Epinephrine 1 MG/ML Auto-Injector";
        for (ResolvedMedication m : List.of(resolver.resolve(new MedicationConcept(
                List.of(new ClinicalCode(ClinicalCode.RXNORM, "1870230", name)), name)), text(name))) {
            assertThat(m.fullyIdentified()).isTrue();
            assertThat(m.ingredients()).singleElement().satisfies(i -> {
                assertThat(i.ingredient().name()).isEqualTo("epinephrine");
                assertThat(i.strength().amount()).isEqualTo(1.0);
                assertThat(i.strength().per()).isEqualTo("ml");
            });
        }
    }

    @Test
    void rxNormNamesOfTheSyntheaPatients() {
        assertThat(names(text("fluticasone propionate 0.044 MG/ACTUAT Metered Dose Inhaler"))).containsExactly("fluticasone");
        assertThat(names(text("Loratadine 5 MG Chewable Tablet"))).containsExactly("loratadine");
        assertThat(names(text("chlorpheniramine maleate 2 MG/ML Oral Solution"))).containsExactly("chlorpheniramine");
        assertThat(names(text("diphenhydramine hydrochloride 25 MG Oral Tablet"))).containsExactly("diphenhydramine");
        assertThat(names(text("60 ACTUAT Fluticasone propionate 0.25 MG/ACTUAT / salmeterol 0.05 MG/ACTUAT Dry Powder "
                + "Inhaler"))).containsExactly("fluticasone", "salmeterol");
    }

    @Test
    void albuterolInhalersAreKnownByTheirName() {
        // albuterol is an "A" ingredient the vocabulary lacks; ingredients.csv names it.
        assertThat(names(text("200 ACTUAT Albuterol 0.09 MG/ACTUAT Metered Dose Inhaler"))).containsExactly("albuterol");
        assertThat(names(resolver.resolve(new MedicationConcept(List.of(new ClinicalCode(ClinicalCode.RXNORM, "745679",
                null)), null)))).containsExactly("albuterol");
        // albuterol / ipratropium: the vocabulary lists only ipratropium; the name supplies albuterol.
        ResolvedMedication combination = code("1190220");
        assertThat(combination.fullyIdentified()).isTrue();
        assertThat(names(combination)).containsExactly("albuterol", "ipratropium");
    }

    @Test
    void freeTextWithTwoIngredients() {
        assertThat(names(text("Amlodipine/benazepril 5/10"))).containsExactly("amlodipine", "benazepril");
        assertThat(names(text("Sulfamethoxazole and Trimethoprim DS tablet")))
                .containsExactly("sulfamethoxazole", "trimethoprim");
    }

    // ------------------------------------------------------------------ what stays unidentified

    @Test
    void aProductWithAnIngredientTheVocabularyLacksStaysPartlyUnidentified() {
        // atenolol / chlorthalidone: the extract lists chlorthalidone only, and nothing names atenolol.
        for (ResolvedMedication m : List.of(code("197383"), code("746023"), text("Tenoretic 50"))) {
            assertThat(names(m)).containsExactly("chlorthalidone");
            assertThat(m.unidentified()).singleElement().asString().contains("atenolol");
            assertThat(m.fullyIdentified()).isFalse();
        }
    }

    @Test
    void anUnknownNameStaysUnidentifiedEvenNextToAKnownOne() {
        assertThat(text("Zorblaxin 10 MG Oral Tablet").ingredients()).isEmpty();
        ResolvedMedication after = text("codeine and Zorblaxin");
        assertThat(names(after)).containsExactly("codeine");
        assertThat(after.unidentified()).containsExactly("zorblaxin");
        ResolvedMedication before = text("Zorblax codeine 30 mg");
        assertThat(names(before)).containsExactly("codeine");
        assertThat(before.unidentified()).containsExactly("zorblax");
        assertThat(before.fullyIdentified()).isFalse();
    }

    @Test
    void aBrandIsReadOnlyWhereABrandStands() {
        // "Lasix" after an ingredient is not read as a second drug; the RxNorm name's bracket is not either.
        assertThat(names(text("furosemide 40 MG Oral Tablet [Lasix]"))).containsExactly("furosemide");
        assertThat(names(text("Lasix (furosemide) 40 mg tablet"))).containsExactly("furosemide");
    }

    // ------------------------------------------------------------------ doses of vocabulary products

    @Test
    void theDoseOfAVocabularyProductIsWorkedOutFromItsStrength() {
        ResolvedMedication m = code("835603"); // tramadol hydrochloride 50 MG Oral Tablet
        DoseInstruction twoTablets = new DoseInstruction(new Quantity(2, null, "tablet"), 4.0, false, null,
                null, false, null);
        assertThat(DoseCalculator.milligramsPerDose(twoTablets, m.ingredients().get(0), 1)).isEqualTo(100.0);
        // two forms of one ingredient add up: Macrobid is 25 + 75 mg of nitrofurantoin
        assertThat(text("nitrofurantoin, macrocrystals 25 MG / nitrofurantoin, monohydrate 75 MG Oral Capsule [Macrobid]")
                .ingredients()).singleElement().satisfies(i -> assertThat(i.strength().amount()).isEqualTo(100.0));
    }

    private static ResolvedMedication code(String rxcui) {
        return resolver.resolve(new MedicationConcept(List.of(new ClinicalCode(ClinicalCode.RXNORM, rxcui, null)),
                "order " + rxcui));
    }

    private static ResolvedMedication text(String text) {
        return resolver.resolve(new MedicationConcept(List.of(), text));
    }

    private static List<String> names(ResolvedMedication m) {
        return m.ingredients().stream().map(i -> i.ingredient().name()).toList();
    }
}
