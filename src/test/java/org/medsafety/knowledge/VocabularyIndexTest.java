package org.medsafety.knowledge;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medsafety.engine.RulesetFiles;
import org.medsafety.knowledge.VocabularyFile.Concept;
import org.medsafety.knowledge.VocabularyFile.Tty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped RxNorm vocabulary loads with the knowledge base, with one identity per ingredient: ingredients.csv's row
 * when it knows the ingredient (by RxCUI, by a name-only row's name, by a precise ingredient, by a synonym), else the
 * vocabulary's. RxCUIs and names below are read from knowledge-base/rxnorm-vocabulary.tsv.gz.
 */
class VocabularyIndexTest {

    private static Map<String, byte[]> shipped;
    private static KnowledgeBase kb;

    @BeforeAll
    static void load() {
        shipped = RulesetFiles.read(Path.of("rules"), Path.of("knowledge-base")).knowledge();
        KnowledgeLoader.Result result = KnowledgeLoader.load(shipped);
        assertThat(result.problems()).isEmpty();
        kb = result.knowledge();
    }

    @Test
    void everyConceptOfTheExtractIsShipped() {
        // shared/vocabulary/PROVENANCE.md: 4,008 ingredients (IN 2,462, PIN 790, MIN 756), SCD 11,307, SBD 7,563,
        // BN 3,914; packs from product_to_ingredient.csv.
        VocabularyIndex v = kb.vocabulary();
        assertThat(List.of(v.count(Tty.IN), v.count(Tty.PIN), v.count(Tty.MIN), v.count(Tty.SCD), v.count(Tty.SBD),
                v.count(Tty.GPCK), v.count(Tty.BPCK), v.count(Tty.BN)))
                .containsExactly(2462L, 790L, 756L, 11307L, 7563L, 544L, 283L, 3914L);
    }

    @Test
    void aPreciseIngredientIsItsIngredient() {
        Ingredient fluticasone = kb.ingredient(41126);
        assertThat(fluticasone.name()).isEqualTo("fluticasone");
        assertThat(fluticasone.source()).isEqualTo(VocabularyIndex.SOURCE);
        assertThat(kb.ingredient(50121)).as("PIN fluticasone propionate").isSameAs(fluticasone);
        assertThat(kb.vocabulary().ingredientNamed("Fluticasone Propionate")).isSameAs(fluticasone);
    }

    @Test
    void anIngredientOfIngredientsCsvIsTheSameIngredientByEveryCode() {
        Ingredient warfarin = kb.ingredient(11289);
        assertThat(warfarin.source()).isNotEqualTo(VocabularyIndex.SOURCE);
        assertThat(kb.vocabulary().ingredient(11289)).isSameAs(warfarin);
        // valproic acid is listed by its PIN code 11118; its IN, valproate (40254), is the same ingredient.
        assertThat(kb.ingredient(40254)).isSameAs(kb.ingredient(11118));
        assertThat(kb.ingredient(40254).name()).isEqualTo("valproic acid");
        // lithium lists "lithium carbonate", which RxNorm keeps as an ingredient of its own (42351).
        assertThat(kb.ingredient(42351)).isSameAs(kb.ingredient(6448));
    }

    @Test
    void aNameOnlyRowTakesTheRxcuiTheVocabularyGivesItsName() {
        // metoprolol has no RxCUI in ingredients.csv; the vocabulary's IN metoprolol is 6918.
        Ingredient metoprolol = kb.ingredient(6918);
        assertThat(metoprolol.name()).isEqualTo("metoprolol");
        assertThat(metoprolol.source()).isNotEqualTo(VocabularyIndex.SOURCE);
        assertThat(kb.ingredients()).contains(metoprolol);
        // cyanocobalamin, by its synonym "vitamin B12" (IN 11248)
        assertThat(kb.ingredient(11248).name()).isEqualTo("cyanocobalamin");
        // class rows naming them by name now meet orders coded by RxCUI
        assertThat(kb.classesOf(6918)).isNotEmpty();
        // an "A" ingredient the vocabulary lacks keeps its name-only id
        assertThat(kb.ingredients()).filteredOn(i -> i.name().equals("albuterol")).singleElement()
                .satisfies(i -> assertThat(i.hasRxcui()).isFalse());
    }

    @Test
    void knowledgeOfAnIngredientIsKnownByItsIdentity() {
        assertThat(kb.hasKnowledge(11289)).as("warfarin").isTrue();
        assertThat(kb.hasKnowledge(6918)).as("metoprolol, a class member").isTrue();
        assertThat(kb.hasKnowledge(3498)).as("diphenhydramine, named by label-text rows").isTrue();
        assertThat(kb.hasKnowledge(2400)).as("chlorpheniramine").isFalse();
        assertThat(kb.hasKnowledge(28889)).as("loratadine").isFalse();
    }

    @Test
    void knowledgeRowsMayNameAVocabularyIngredient() {
        Map<String, byte[]> files = new HashMap<>(shipped);
        files.put(KnowledgeLoader.CLASS_MEMBERS, append(files.get(KnowledgeLoader.CLASS_MEMBERS),
                "nsaids,,diphenhydramine hydrochloride,test row,\n"));

        KnowledgeLoader.Result result = KnowledgeLoader.load(files);

        assertThat(result.problems()).isEmpty();
        assertThat(result.knowledge().classesOf(3498)).contains("nsaids");
        assertThat(result.knowledge().hasKnowledge(3498)).isTrue();
    }

    @Test
    void twoRowsThatAreOneRxNormIngredientAreRefused() {
        Map<String, byte[]> files = new HashMap<>(shipped);
        // valproic acid (PIN 11118) is already listed; valproate is its IN.
        files.put(KnowledgeLoader.INGREDIENTS, append(files.get(KnowledgeLoader.INGREDIENTS), ",valproate,,test row,\n"));

        assertThat(KnowledgeLoader.load(files).problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(KnowledgeLoader.INGREDIENTS);
            assertThat(p.message()).contains("'valproic acid'").contains("'valproate'").contains("40254");
        });
    }

    @Test
    void aNameOnlyRowForAnIngredientAlreadyListedByRxcuiIsRefusedWithItsLine() {
        Map<String, byte[]> files = new HashMap<>(shipped);
        String text = new String(files.get(KnowledgeLoader.INGREDIENTS), StandardCharsets.UTF_8);
        int line = (int) text.lines().count() + 1;
        files.put(KnowledgeLoader.INGREDIENTS, append(files.get(KnowledgeLoader.INGREDIENTS), ",Furosemide,,test row,\n"));

        assertThat(KnowledgeLoader.load(files).problems()).containsExactly(new KnowledgeProblem(
                KnowledgeLoader.INGREDIENTS, line, "'Furosemide' is RxNorm ingredient 4603, already listed as "
                + "'furosemide': merge the rows"));
    }

    @Test
    void anIngredientRowCodedWithAProductRxcuiIsRefused() {
        Map<String, byte[]> files = new HashMap<>(shipped);
        // 1049630 is the SCD diphenhydramine hydrochloride 25 MG Oral Tablet
        files.put(KnowledgeLoader.INGREDIENTS, append(files.get(KnowledgeLoader.INGREDIENTS), "1049630,benadryl,,test,\n"));

        assertThat(KnowledgeLoader.load(files).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("SCD").contains("not an ingredient"));
    }

    @Test
    void aMalformedVocabularyLineIsReportedWithItsLine() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VocabularyFile.write(out, List.of("test"), List.of(
                new Concept(3498, Tty.IN, "diphenhydramine", new int[0], 0)));
        String text = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(out.toByteArray()))
                .readAllBytes(), StandardCharsets.UTF_8) + "28889\tXX\tloratadine\t\t\n";
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (var zip = new java.util.zip.GZIPOutputStream(gz)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Map<String, byte[]> files = new HashMap<>(shipped);
        files.put(KnowledgeLoader.VOCABULARY, gz.toByteArray());
        files.remove(KnowledgeLoader.LABEL_INTERACTIONS); // it names drugs this two-line vocabulary lacks

        assertThat(KnowledgeLoader.load(files).problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(KnowledgeLoader.VOCABULARY);
            assertThat(p.line()).isEqualTo(4);
        });
    }

    @Test
    void withoutAVocabularyFileOnlyIngredientsCsvIsKnown() {
        Map<String, byte[]> files = new HashMap<>(shipped);
        files.remove(KnowledgeLoader.VOCABULARY);

        KnowledgeLoader.Result result = KnowledgeLoader.load(files);

        assertThat(result.problems()).isEmpty();
        assertThat(result.knowledge().vocabulary().isEmpty()).isTrue();
        assertThat(result.knowledge().ingredient(3498)).isNull();
        assertThat(result.knowledge().ingredients()).filteredOn(i -> i.name().equals("metoprolol")).singleElement()
                .satisfies(i -> assertThat(i.hasRxcui()).isFalse());
    }

    private static byte[] append(byte[] file, String line) {
        String text = new String(file, StandardCharsets.UTF_8);
        return (text.endsWith("\n") ? text + line : text + "\n" + line).getBytes(StandardCharsets.UTF_8);
    }
}
