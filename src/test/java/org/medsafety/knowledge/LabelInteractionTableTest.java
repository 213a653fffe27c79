package org.medsafety.knowledge;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * label-interactions.csv as the service loads it: below the curated table, one row per pair, the quote on the card,
 * tunable by id like any row, and refused with file and line when a row is broken.
 */
class LabelInteractionTableTest {

    private static final String TABLE = KnowledgeLoader.LABEL_INTERACTIONS;
    private static final String AMLODIPINE_SILDENAFIL = "LDI-003dd1ec-amlodipine-sildenafil";

    private static KnowledgeBase shippedKnowledge() {
        KnowledgeLoader.Result result = KnowledgeLoader.load(shippedWithVocabulary());
        assertThat(result.problems()).isEmpty();
        return result.knowledge();
    }

    private static int id(KnowledgeBase kb, String name) {
        return kb.ingredients().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow().id();
    }

    @Test
    void aPairOnlyTheLabelTextCoversGetsItsLabelRowWithTheQuoteAndItsReviewState() {
        KnowledgeBase kb = shippedKnowledge();

        List<Interaction> found = kb.interactionsBetween(id(kb, "sildenafil"), id(kb, "amlodipine"));

        assertThat(found).extracting(Interaction::id).containsExactly(AMLODIPINE_SILDENAFIL);
        Interaction row = found.get(0);
        assertThat(row.severity()).isEqualTo(Severity.MODERATE);
        assertThat(row.management()).contains("section 7.1").contains("\"Sildenafil Monitor for hypotension when "
                + "sildenafil is co-administered with amlodipine").contains("not yet reviewed by a pharmacist");
        assertThat(row.clinicalEffect()).endsWith("(not yet reviewed by a pharmacist)");
        assertThat(row.documentation()).isEqualTo("FDA label text (extracted, not yet reviewed)");
        assertThat(row.source().citation()).contains("set-id 003dd1ec-16f8-4f96-b6a8-c4689d35892a")
                .contains("SPL id cc27c9a5-dd2e-4a79-af00-28f51408362a");
        assertThat(row.isOncHighPriority()).isFalse();
    }

    @Test
    void aCuratedRowOrADuplicateTherapyClassHidesTheLabelRowsOfItsPair() {
        String table = text(TABLE);
        assertThat(table).contains("LDI-3ebcb71e-warfarin-naproxen,").contains("LDI-38b11f5d-rivaroxaban-warfarin,");
        KnowledgeBase kb = shippedKnowledge();

        assertThat(kb.interactionsBetween(11289, 7258)).extracting(Interaction::id)
                .containsExactly("DDI-WARFARIN-NSAID");
        assertThat(kb.interactionsBetween(1114195, 11289)).as("two anticoagulants: the duplicate card says it")
                .isEmpty();
        assertThat(kb.duplicateTherapiesOf(1114195, 11289)).isNotEmpty();
    }

    @Test
    void aLabelRowCanBeDisabledOrLoweredByIdLikeAnyRow() {
        Map<String, byte[]> files = shippedWithVocabulary();
        files.put(KnowledgeLoader.LOCAL_TUNING, ("target,action,severity,reason,author,date,source\n"
                + AMLODIPINE_SILDENAFIL + ",lower,minor,Monitoring is routine here,J. Doe PharmD,2025-01-01,P&T\n"
                + "LDI-3ebcb71e-warfarin-naproxen,disable,,Covered by the curated row,J. Doe PharmD,2025-01-01,P&T\n")
                .getBytes(StandardCharsets.UTF_8));

        KnowledgeLoader.Result result = KnowledgeLoader.load(files);

        assertThat(result.problems()).isEmpty();
        LocalTuning.Entry lowered = result.knowledge().tuning().about(AMLODIPINE_SILDENAFIL);
        assertThat(lowered.knowledgeRow()).isTrue();
        assertThat(lowered.severity()).isEqualTo(Severity.MINOR);
        assertThat(result.knowledge().tuning().about("LDI-3ebcb71e-warfarin-naproxen").knowledgeRow())
                .as("a row a curated one hides is still a row").isTrue();
    }

    @Test
    void aReviewedRowSaysWhoReviewedIt() {
        Edit edit = edit(AMLODIPINE_SILDENAFIL + ",", row -> row.replace(",extracted,,", ",reviewed,J. Doe PharmD,"));

        KnowledgeLoader.Result result = edit.load();

        assertThat(result.problems()).isEmpty();
        KnowledgeBase kb = result.knowledge();
        Interaction row = kb.interactionsBetween(id(kb, "sildenafil"), id(kb, "amlodipine")).get(0);
        assertThat(row.management()).contains("reviewed by J. Doe PharmD").doesNotContain("not yet reviewed");
        assertThat(row.documentation()).isEqualTo("FDA label text (extracted, reviewed by J. Doe PharmD)");
    }

    @Test
    void brokenRowsAreRefusedWithFileAndLine() {
        Edit badReview = edit(AMLODIPINE_SILDENAFIL + ",", row -> row.replace(",extracted,,", ",checked,,"));
        assertThat(badReview.load().problems()).containsExactly(new KnowledgeProblem(TABLE, badReview.line,
                "review 'checked' is not extracted or reviewed"));

        Edit noReviewer = edit(AMLODIPINE_SILDENAFIL + ",", row -> row.replace(",extracted,,", ",reviewed,,"));
        assertThat(noReviewer.load().problems()).containsExactly(new KnowledgeProblem(TABLE, noReviewer.line,
                "a reviewed row names its reviewer in reviewed_by"));

        Edit curatedId = edit(AMLODIPINE_SILDENAFIL + ",", row -> row.replace(AMLODIPINE_SILDENAFIL, "DDI-WARFARIN-NSAID"));
        assertThat(curatedId.load().problems()).containsExactly(new KnowledgeProblem(TABLE, curatedId.line,
                "duplicate interaction id DDI-WARFARIN-NSAID"));
    }

    @Test
    void aDrugOnlyTheVocabularyKnowsIsAcceptedAndAnUnknownCodeIsRefused() {
        // 1622 is bleomycin in RxNorm; ingredients.csv does not list bleomycin, the vocabulary does.
        Edit vocabulary = edit(AMLODIPINE_SILDENAFIL + ",", row -> row.replace(",136411,sildenafil,", ",1622,bleomycin,"));
        KnowledgeLoader.Result loaded = vocabulary.load();
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.knowledge().interactionsBetween(1622, id(loaded.knowledge(), "amlodipine")))
                .extracting(Interaction::id).containsExactly(AMLODIPINE_SILDENAFIL);

        Edit unknown = edit(AMLODIPINE_SILDENAFIL + ",", row -> row.replace(",136411,sildenafil,", ",999999,sildenafil,"));
        assertThat(unknown.load().problems()).containsExactly(new KnowledgeProblem(TABLE, unknown.line,
                "RxCUI 999999 in column precipitant is not in ingredients.csv or the RxNorm vocabulary (IN or PIN)"));
    }

    @Test
    void withoutTheVocabularyOnlyRowsAboutIngredientsCsvDrugsAreRead() {
        KnowledgeLoader.Result result = KnowledgeLoader.load(KnowledgeLoaderTest.shipped());

        assertThat(result.problems()).isEmpty();
        KnowledgeBase kb = result.knowledge();
        assertThat(kb.interactionsBetween(id(kb, "sildenafil"), id(kb, "amlodipine"))).extracting(Interaction::id)
                .containsExactly(AMLODIPINE_SILDENAFIL);
        assertThat(kb.interactionsBetween(1622, id(kb, "amlodipine"))).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    /** The shipped tables and the RxNorm vocabulary, as a ruleset holds them. */
    private static Map<String, byte[]> shippedWithVocabulary() {
        Map<String, byte[]> files = KnowledgeLoaderTest.shipped();
        try {
            files.put(KnowledgeLoader.VOCABULARY, java.nio.file.Files.readAllBytes(
                    java.nio.file.Path.of("knowledge-base", KnowledgeLoader.VOCABULARY)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return files;
    }

    private record Edit(String text, int line) {

        KnowledgeLoader.Result load() {
            Map<String, byte[]> files = shippedWithVocabulary();
            files.put(TABLE, text.getBytes(StandardCharsets.UTF_8));
            return KnowledgeLoader.load(files);
        }
    }

    private static Edit edit(String rowStart, UnaryOperator<String> change) {
        String[] lines = text(TABLE).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(rowStart)) {
                String changed = change.apply(lines[i]);
                assertThat(changed).as("the edit changes the row").isNotEqualTo(lines[i]);
                lines[i] = changed;
                return new Edit(String.join("\n", lines), i + 1);
            }
        }
        throw new IllegalArgumentException("no row starting with " + rowStart);
    }

    private static String text(String file) {
        return new String(shippedWithVocabulary().get(file), StandardCharsets.UTF_8);
    }
}
