package org.medsafety.medication;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medsafety.engine.RulesetFiles;
import org.medsafety.knowledge.KnowledgeBase;
import org.medsafety.knowledge.KnowledgeLoader;
import org.medsafety.knowledge.Strength;
import org.medsafety.snapshot.ClinicalCode;
import org.medsafety.snapshot.MedicationConcept;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What an order is found to contain, with the shipped knowledge base. */
class MedicationResolverTest {

    private static MedicationResolver resolver;

    @BeforeAll
    static void loadShippedKnowledge() {
        KnowledgeLoader.Result loaded = KnowledgeLoader.load(
                RulesetFiles.read(Path.of("rules"), Path.of("knowledge-base")).knowledge());
        assertThat(loaded.problems()).isEmpty();
        KnowledgeBase knowledge = loaded.knowledge();
        resolver = new MedicationResolver(knowledge);
    }

    @Test
    void productCodeGivesIngredientStrengthAndForm() {
        // The code decides, whatever the order's text says.
        ResolvedMedication m = resolver.resolve(rxnorm("855332", "Coumadin tabs (local formulary name)"));

        assertThat(m.fullyIdentified()).isTrue();
        assertThat(m.label()).isEqualTo("Coumadin tabs (local formulary name)");
        assertThat(m.ingredients()).singleElement().satisfies(i -> {
            assertThat(i.ingredient().id()).isEqualTo(11289);
            assertThat(i.ingredient().name()).isEqualTo("warfarin");
            assertThat(i.strength()).isEqualTo(new Strength(11289, 5, "mg", null));
        });
        assertThat(m.doseForm()).isEqualTo("oral tablet");
        assertThat(m.route()).isEqualTo("oral");
    }

    @Test
    void ingredientCodeIdentifiesTheIngredientWithoutStrength() {
        ResolvedMedication m = resolver.resolve(rxnorm("11289", "warfarin"));

        assertThat(m.fullyIdentified()).isTrue();
        assertThat(m.ingredients()).singleElement().satisfies(i -> {
            assertThat(i.ingredient().name()).isEqualTo("warfarin");
            assertThat(i.strength()).isNull();
        });
        assertThat(m.doseForm()).isNull();
    }

    @Test
    void aCodeFromAnotherSystemIsNotTakenForAnRxcui() {
        MedicationConcept concept = new MedicationConcept(
                List.of(new ClinicalCode("http://snomed.info/sct", "855332", null)), "Naproxen sodium 220 MG Oral Tablet");

        ResolvedMedication m = resolver.resolve(concept);

        assertThat(m.ingredients()).extracting(i -> i.ingredient().name()).containsExactly("naproxen");
    }

    @Test
    void unknownCodeFallsBackToTheName() {
        // Synthea's "Hydrochlorothiazide 25 MG" (RxCUI 316049) is not in products.csv.
        ResolvedMedication m = resolver.resolve(rxnorm("316049", "Hydrochlorothiazide 25 MG"));

        assertThat(m.fullyIdentified()).isTrue();
        assertThat(m.ingredients()).singleElement().satisfies(i -> {
            assertThat(i.ingredient().name()).isEqualTo("hydrochlorothiazide");
            assertThat(i.strength().amount()).isEqualTo(25.0);
            assertThat(i.strength().unit()).isEqualToIgnoringCase("mg");
        });
    }

    @Test
    void nameWithSaltStrengthAndForm() {
        ResolvedMedication m = resolver.resolve(text("Warfarin Sodium 5 MG Oral Tablet"));

        assertThat(m.fullyIdentified()).isTrue();
        assertThat(m.ingredients()).singleElement().satisfies(i -> {
            assertThat(i.ingredient().id()).isEqualTo(11289);
            assertThat(i.strength().amount()).isEqualTo(5.0);
            assertThat(i.strength().unit()).isEqualToIgnoringCase("mg");
            assertThat(i.strength().per()).isNull();
        });
        assertThat(m.doseForm()).isEqualTo("oral tablet");
        assertThat(m.route()).isEqualTo("oral");
    }

    @Test
    void brandInBracketsIsIgnored() {
        ResolvedMedication m = resolver.resolve(text("Carbamazepine[Tegretol]"));

        assertThat(m.fullyIdentified()).isTrue();
        assertThat(m.ingredients()).extracting(i -> i.ingredient().name()).containsExactly("carbamazepine");
    }

    @Test
    void nameIsAlsoReadFromACodingDisplayWhenTheTextIsUnhelpful() {
        MedicationConcept concept = new MedicationConcept(
                List.of(new ClinicalCode(ClinicalCode.RXNORM, "308971", "Carbamazepine[Tegretol]")), "Tegretol");

        ResolvedMedication m = resolver.resolve(concept);

        assertThat(m.fullyIdentified()).isTrue();
        assertThat(m.ingredients()).extracting(i -> i.ingredient().name()).containsExactly("carbamazepine");
        assertThat(m.label()).isEqualTo("Tegretol");
    }

    @Test
    void leadingDurationIsSkippedInAnExtendedReleaseName() {
        ResolvedMedication m = resolver.resolve(text("24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet"));

        assertThat(m.fullyIdentified()).isTrue();
        assertThat(m.ingredients()).singleElement().satisfies(i -> {
            assertThat(i.ingredient().name()).isEqualTo("metformin");
            assertThat(i.strength().amount()).as("500 mg, not 24").isEqualTo(500.0);
        });
        assertThat(m.doseForm()).isEqualTo("extended release oral tablet");
        assertThat(m.route()).isEqualTo("oral");
    }

    @Test
    void combinationWithAnUnknownComponentIsNotFullyIdentified() {
        // Clavulanate was unknown before the RxNorm vocabulary; atenolol is an "A" ingredient the vocabulary lacks.
        ResolvedMedication m = resolver.resolve(text("Atenolol 50 MG / Chlorthalidone 25 MG Oral Tablet"));

        assertThat(m.ingredients()).singleElement().satisfies(i -> {
            assertThat(i.ingredient().name()).isEqualTo("chlorthalidone");
            assertThat(i.strength().amount()).isEqualTo(25.0);
        });
        assertThat(m.unidentified()).singleElement().asString().containsIgnoringCase("atenolol");
        assertThat(m.fullyIdentified()).as("atenolol is not screened").isFalse();
    }

    @Test
    void unknownDrugIsNotIdentified() {
        ResolvedMedication m = resolver.resolve(text("Zorblaxin 10 MG Oral Tablet"));

        assertThat(m.ingredients()).isEmpty();
        assertThat(m.unidentified()).isNotEmpty();
        assertThat(m.fullyIdentified()).isFalse();
        assertThat(m.label()).isEqualTo("Zorblaxin 10 MG Oral Tablet");
    }

    @Test
    void aMedicationWithNoNameAtAllIsNotIdentified() {
        ResolvedMedication m = resolver.resolve(new MedicationConcept(List.of(), null));

        assertThat(m.fullyIdentified()).isFalse();
        assertThat(m.unidentified()).containsExactly("unnamed medication");
    }

    private static MedicationConcept rxnorm(String code, String text) {
        return new MedicationConcept(List.of(new ClinicalCode(ClinicalCode.RXNORM, code, text)), text);
    }

    private static MedicationConcept text(String text) {
        return new MedicationConcept(List.of(), text);
    }
}
