package org.medsafety.knowledge;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped knowledge base loads; a broken one is refused with the file and the line a pharmacist must fix.
 * Each broken variant changes one row of the shipped files in memory; the expected line is found in the text itself.
 */
class KnowledgeLoaderTest {

    private static final Path KNOWLEDGE_BASE = Path.of("knowledge-base");

    @Test
    void shippedKnowledgeBaseLoadsWithoutProblems() {
        Map<String, byte[]> files = shipped();
        assertThat(files.keySet()).containsExactlyInAnyOrder(KnowledgeLoader.INGREDIENTS, KnowledgeLoader.CLASSES,
                KnowledgeLoader.CLASS_MEMBERS, KnowledgeLoader.PRODUCTS, KnowledgeLoader.INTERACTIONS,
                KnowledgeLoader.CROSS_SENSITIVITY, KnowledgeLoader.DOSE_LIMITS, KnowledgeLoader.OVERRIDE_REASONS,
                KnowledgeLoader.DUPLICATE_THERAPY, KnowledgeLoader.RENAL_LIMITS, DoseReductionTable.FILE,
                KnowledgeLoader.PREGNANCY, InteractionModifierTable.MODIFIERS,
                InteractionModifierTable.CONDITION_VALUE_SETS, KnowledgeLoader.LABEL_INTERACTIONS);

        KnowledgeLoader.Result result = KnowledgeLoader.load(files);

        assertThat(result.problems()).isEmpty();
        KnowledgeBase kb = result.knowledge();
        assertThat(kb.ingredient(11289).name()).isEqualTo("warfarin");
        assertThat(kb.product(855332).ingredients()).containsExactly(new Strength(11289, 5, "mg", null));
        assertThat(kb.classesOf(7258)).contains("nsaids");
        assertThat(kb.interactionsBetween(7258, 11289)).extracting(Interaction::id).containsExactly("DDI-WARFARIN-NSAID");
        assertThat(kb.interactionsBetween(11289, 7258)).as("either order").hasSize(1);
        assertThat(kb.doseLimits(10689)).extracting(DoseLimit::id)
                .containsExactlyInAnyOrder("DOSE-TRAMADOL-ORAL-ADULT", "DOSE-TRAMADOL-ORAL-OVER75");
        assertThat(kb.overrideReasons()).isNotEmpty().allSatisfy(r -> assertThat(r.display()).isNotBlank());
    }

    // ---------------------------------------------------------------- refusals, each naming file and line

    @Test
    void aRowWithoutSourceIsRefused() {
        Edit edit = edit(KnowledgeLoader.PRODUCTS, "855332,", row -> row.substring(0, row.indexOf(",\"Code and name")) + ",,");

        assertThat(edit.load().problems()).containsExactly(
                new KnowledgeProblem(KnowledgeLoader.PRODUCTS, edit.line, "row has no source"));
    }

    @Test
    void anUnknownRxcuiInClassMembersIsRefused() {
        Edit edit = edit(KnowledgeLoader.CLASS_MEMBERS, "nsaids,5781,", row -> row.replace("nsaids,5781,", "nsaids,999999,"));

        assertThat(edit.load().problems()).containsExactly(new KnowledgeProblem(KnowledgeLoader.CLASS_MEMBERS, edit.line,
                "RxCUI 999999 in column rxcui is not in ingredients.csv or the RxNorm vocabulary (IN or PIN)"));
    }

    @Test
    void aDuplicateInteractionIdIsRefused() {
        Edit edit = edit(KnowledgeLoader.INTERACTIONS, "DDI-WARFARIN-ANTIPLATELET,",
                row -> row.replace("DDI-WARFARIN-ANTIPLATELET,", "DDI-WARFARIN-NSAID,"));

        assertThat(edit.load().problems()).containsExactly(new KnowledgeProblem(KnowledgeLoader.INTERACTIONS, edit.line,
                "duplicate interaction id DDI-WARFARIN-NSAID"));
    }

    @Test
    void anUnknownClassInInteractionsIsRefused() {
        Edit edit = edit(KnowledgeLoader.INTERACTIONS, "DDI-WARFARIN-ANTIPLATELET,",
                row -> row.replace("class:antiplatelets", "class:antiplatelet"));

        assertThat(edit.load().problems()).containsExactly(new KnowledgeProblem(KnowledgeLoader.INTERACTIONS, edit.line,
                "unknown class 'antiplatelet' in column precipitant"));
    }

    @Test
    void anInvalidSeverityIsRefused() {
        Edit edit = edit(KnowledgeLoader.INTERACTIONS, "DDI-WARFARIN-NSAID,", row -> row.replace(",major,", ",severe,"));

        assertThat(edit.load().problems()).containsExactly(new KnowledgeProblem(KnowledgeLoader.INTERACTIONS, edit.line,
                "severity 'severe' is not one of contraindicated, major, moderate, minor"));
    }

    @Test
    void aSingleDoseMaximumAboveTheDailyMaximumIsRefused() {
        Edit edit = edit(KnowledgeLoader.DOSE_LIMITS, "DOSE-TRAMADOL-ORAL-ADULT,", row -> row.replace(",100,400,", ",500,400,"));

        assertThat(edit.load().problems()).containsExactly(new KnowledgeProblem(KnowledgeLoader.DOSE_LIMITS, edit.line,
                "max_single_mg 500.0 is above max_daily_mg 400.0"));
    }

    @Test
    void aMissingFileIsRefused() {
        Map<String, byte[]> files = shipped();
        files.remove(KnowledgeLoader.INTERACTIONS);

        KnowledgeLoader.Result result = KnowledgeLoader.load(files);

        assertThat(result.ok()).isFalse();
        assertThat(result.knowledge()).isNull();
        assertThat(result.problems()).containsExactly(
                new KnowledgeProblem(KnowledgeLoader.INTERACTIONS, 0, "file missing from knowledge-base/"));
    }

    @Test
    void aRefusedKnowledgeBaseIsNotPublishedEvenPartly() {
        Edit edit = edit(KnowledgeLoader.INTERACTIONS, "DDI-WARFARIN-NSAID,", row -> row.replace(",major,", ",severe,"));

        KnowledgeLoader.Result result = edit.load();

        assertThat(result.ok()).isFalse();
        assertThat(result.knowledge()).isNull();
    }

    // ---------------------------------------------------------------- line numbers

    @Test
    void lineNumbersCountCommentsBlankLinesAndQuotedLineBreaks() {
        // A pharmacist adds a blank line, a comment and a two-line quoted note above the broken row.
        String text = text(KnowledgeLoader.INTERACTIONS);
        text = text.replace("\nDDI-WARFARIN-NSAID,", "\n\n# bleeding risk\nDDI-WARFARIN-NSAID,")
                .replace("\"Closely monitor for bleeding and INR;", "\"Closely monitor for bleeding and INR;\n");
        text = text.replace("DDI-WARFARIN-ANTIPLATELET,Warfarin + antiplatelet agent,11289,class:antiplatelets,major,",
                "DDI-WARFARIN-ANTIPLATELET,Warfarin + antiplatelet agent,11289,class:antiplatelets,severe,");
        int line = lineOf(text, "DDI-WARFARIN-ANTIPLATELET,");
        assertThat(line).isEqualTo(8); // 3 header lines, blank, comment, 2 lines of the first row

        assertThat(load(KnowledgeLoader.INTERACTIONS, text).problems()).extracting(KnowledgeProblem::line)
                .containsExactly(line);
    }

    @Test
    void aProblemInAMultiLineRowIsReportedWhereTheRowStarts() {
        String text = text(KnowledgeLoader.INTERACTIONS).replace(
                "\"Closely monitor for bleeding and INR;", "\"Closely monitor for bleeding and INR;\n");
        text = text.replace(",class:nsaids,major,", ",class:nsaids,severe,");

        assertThat(load(KnowledgeLoader.INTERACTIONS, text).problems()).extracting(KnowledgeProblem::line)
                .containsExactly(lineOf(text, "DDI-WARFARIN-NSAID,"));
    }

    @Test
    void theLastRowWithoutATrailingNewlineHasItsOwnLine() {
        // Break the severity of the file's last row only (the table has many contraindicated rows).
        String text = text(KnowledgeLoader.INTERACTIONS).stripTrailing();
        int last = text.lastIndexOf('\n') + 1;
        text = text.substring(0, last)
                + text.substring(last).replaceFirst(",(contraindicated|major|moderate|minor),", ",deadly,");

        assertThat(load(KnowledgeLoader.INTERACTIONS, text).problems()).extracting(KnowledgeProblem::line)
                .containsExactly(lineOf(text, text.substring(last, text.indexOf(',', last) + 1)));
    }

    @Test
    void lineNumbersAreTheSameInAFileSavedWithWindowsLineEndings() {
        Edit edit = edit(KnowledgeLoader.INTERACTIONS, "DDI-ONC-08,", row -> row.replace(",contraindicated,", ",deadly,"));
        String crlf = edit.text().replace("\n", "\r\n");

        assertThat(load(KnowledgeLoader.INTERACTIONS, crlf).problems()).extracting(KnowledgeProblem::line)
                .containsExactly(edit.line);
    }

    @Test
    void aMissingColumnIsReportedOnTheHeaderLine() {
        String text = text(KnowledgeLoader.DOSE_LIMITS).replace(",max_daily_mg,", ",max_day_mg,");

        assertThat(load(KnowledgeLoader.DOSE_LIMITS, text).problems())
                .contains(new KnowledgeProblem(KnowledgeLoader.DOSE_LIMITS, lineOf(text, "id,rxcui,"),
                        "missing column 'max_daily_mg'"));
    }

    @Test
    void aRowWithAnUnquotedCommaIsRefusedAtItsLine() {
        // The note "50 to 100 mg every 4 to 6 hours, not to exceed 400 mg/day" loses its quotes: one column too many.
        Edit edit = edit(KnowledgeLoader.DOSE_LIMITS, "DOSE-TRAMADOL-ORAL-ADULT,", row -> row.replace(
                "\"50 to 100 mg every 4 to 6 hours, not to exceed 400 mg/day\"",
                "50 to 100 mg every 4 to 6 hours, not to exceed 400 mg/day"));

        assertThat(edit.load().problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(KnowledgeLoader.DOSE_LIMITS);
            assertThat(p.line()).isEqualTo(edit.line);
            assertThat(p.message()).contains("not readable as CSV");
        });
    }

    // ---------------------------------------------------------------- helpers

    /** One shipped file with the first row starting with {@code rowStart} rewritten; {@code line} is that row's line. */
    private record Edit(String file, String text, int line) {

        KnowledgeLoader.Result load() {
            return KnowledgeLoaderTest.load(file, text);
        }
    }

    private static Edit edit(String file, String rowStart, UnaryOperator<String> change) {
        String[] lines = text(file).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(rowStart)) {
                String changed = change.apply(lines[i]);
                assertThat(changed).as("the edit changes the row").isNotEqualTo(lines[i]);
                lines[i] = changed;
                return new Edit(file, String.join("\n", lines), i + 1);
            }
        }
        throw new IllegalArgumentException("no row starting with " + rowStart + " in " + file);
    }

    private static KnowledgeLoader.Result load(String file, String text) {
        Map<String, byte[]> files = shipped();
        files.put(file, text.getBytes(StandardCharsets.UTF_8));
        return KnowledgeLoader.load(files);
    }

    /** 1-based line of the first line starting with {@code start}. */
    private static int lineOf(String text, String start) {
        List<String> lines = List.of(text.split("\n", -1));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no line starting with " + start);
    }

    private static String text(String file) {
        return new String(shipped().get(file), StandardCharsets.UTF_8);
    }

    /** A fresh, mutable copy of the shipped files. */
    static Map<String, byte[]> shipped() {
        Map<String, byte[]> files = new HashMap<>();
        try (Stream<Path> paths = Files.list(KNOWLEDGE_BASE)) {
            for (Path p : paths.filter(p -> p.toString().endsWith(".csv")).toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
