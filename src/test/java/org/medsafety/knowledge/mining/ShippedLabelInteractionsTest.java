package org.medsafety.knowledge.mining;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shipped knowledge-base/label-interactions.csv against the label files it was mined from: every sentence is
 * verbatim in its label, every label identity matches, and running the miner again gives the same table. The label
 * files live in the shared folder next to the repository (../shared, as CI has it); without it these checks are
 * skipped, saying so.
 */
class ShippedLabelInteractionsTest {

    private static final Path KNOWLEDGE_BASE = Path.of("knowledge-base");
    private static final Path TABLE = KNOWLEDGE_BASE.resolve("label-interactions.csv");

    private static Path shared() {
        for (Path candidate : List.of(Path.of("../shared"), Path.of("/work/shared"))) {
            if (Files.isDirectory(candidate.resolve("fda-labels"))) {
                return candidate;
            }
        }
        return null;
    }

    private static Path sharedOrSkip() {
        Path shared = shared();
        assumeTrue(shared != null, "SKIPPED: the shared label files (../shared/fda-labels) are not on this machine, "
                + "so the label-interactions.csv sentences cannot be checked against them");
        return shared;
    }

    private static List<Map<String, String>> rows() throws IOException {
        return LabelInteractionMiner.csv(Files.readAllBytes(TABLE));
    }

    @Test
    void everySentenceIsVerbatimInItsLabelAndTheLabelIsTheOneCited() throws IOException {
        Path shared = sharedOrSkip();
        Map<String, LabelDocument> labels = new HashMap<>();
        List<String> wrong = new ArrayList<>();
        List<Map<String, String>> rows = rows();
        for (Map<String, String> row : rows) {
            LabelDocument label = labels.computeIfAbsent(row.get("label_file"), f -> read(shared, f));
            String field = label.sections().get(row.get("label_field"));
            if (field == null || !field.contains(row.get("sentence"))) {
                wrong.add(row.get("id") + ": sentence not in " + row.get("label_file") + " " + row.get("label_field"));
            }
            if (!row.get("set_id").equals(label.setId()) || !row.get("spl_id").equals(label.splId())
                    || !row.get("version").equals(label.version() == null ? "" : label.version())
                    || !row.get("effective_date").equals(label.effective() == null ? "" : label.effective())) {
                wrong.add(row.get("id") + ": label identity differs from " + row.get("label_file"));
            }
            if (!row.get("source").contains(label.setId())) {
                wrong.add(row.get("id") + ": source does not cite the set-id");
            }
        }
        assertThat(rows).hasSizeGreaterThan(1500);
        assertThat(wrong).isEmpty();
    }

    @Test
    void runningTheMinerAgainGivesTheShippedTable(@TempDir Path dir) throws IOException {
        Path shared = sharedOrSkip();
        Path kb = dir.resolve("knowledge-base");
        Files.createDirectories(kb);
        for (String file : List.of("ingredients.csv", "drug-classes.csv", "class-members.csv", "label-interactions.csv")) {
            Files.copy(KNOWLEDGE_BASE.resolve(file), kb.resolve(file));
        }
        ByteArrayOutputStream report = new ByteArrayOutputStream();

        int exit = LabelInteractionMiner.run(new String[] {"--root", shared.toString(), "--knowledge-base", kb.toString()},
                new PrintStream(report, true, StandardCharsets.UTF_8));

        assertThat(exit).isZero();
        assertThat(Files.readString(kb.resolve("label-interactions.csv")))
                .as("knowledge-base/label-interactions.csv is what the miner writes from the labels; re-run it "
                        + "(docs/clinical-content.md) after changing the miner, the lexicon or the knowledge base")
                .isEqualTo(Files.readString(TABLE));
    }

    @Test
    void theTableNamesAtLeast1500IngredientPairsDirectly() throws IOException {
        Set<String> pairs = new HashSet<>();
        for (Map<String, String> row : rows()) {
            String a = row.get("object");
            String b = row.get("precipitant");
            assertThat(row.get("review")).isIn("extracted", "reviewed");
            if (!b.startsWith("class:")) {
                pairs.add(a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a);
            }
        }
        assertThat(pairs).hasSizeGreaterThanOrEqualTo(1500);
    }

    @Test
    void theJudgedSamplesAreRowsOfTheShippedTableAsTheyStandThere() throws IOException {
        Map<String, Map<String, String>> table = new HashMap<>();
        rows().forEach(r -> table.put(r.get("id"), r));
        for (String sample : List.of("label-interactions-sample.csv", "label-interactions-heldout.csv")) {
            List<Map<String, String>> judged = LabelInteractionMiner.csv(
                    Files.readAllBytes(KNOWLEDGE_BASE.resolve("review").resolve(sample)));
            assertThat(judged).as(sample).hasSize(100);
            for (Map<String, String> row : judged) {
                Map<String, String> shipped = table.get(row.get("id"));
                assertThat(shipped).as(sample + ": " + row.get("id") + " is in label-interactions.csv").isNotNull();
                assertThat(List.of(row.get("severity"), row.get("sentence")))
                        .as(sample + ": " + row.get("id") + " was judged as it is shipped")
                        .containsExactly(shipped.get("severity"), shipped.get("sentence"));
                assertThat(row.get("verdict")).isIn("correct", "wrong-severity", "wrong");
                assertThat(row.get("reason")).isNotBlank();
            }
        }
    }

    private static LabelDocument read(Path shared, String file) {
        try {
            return LabelDocument.read(shared, shared.resolve(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
