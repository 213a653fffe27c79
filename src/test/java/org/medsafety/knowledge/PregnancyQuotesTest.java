package org.medsafety.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every pregnancy row quotes its label verbatim: each quoted passage (" … " separates two) is in the label file the
 * row cites, and the version and date are that file's. Runs where the project's shared/ folder (the FDA label copies)
 * sits beside the checkout, as on developers' machines and in CI; skipped elsewhere.
 */
class PregnancyQuotesTest {

    private static final Path SHARED = Path.of("..", "shared");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyQuoteIsInTheLabelItCites() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(SHARED.resolve("fda-labels")), "shared/ label copies not present");
        List<String> wrong = new ArrayList<>();
        for (Map<String, String> row : rows()) {
            String text = labelText(row);
            if (text == null) {
                wrong.add(row.get("id") + ": no label file for set-id " + row.get("set_id"));
                continue;
            }
            for (String passage : row.get("label_text").split(" … ")) {
                if (!normalised(text).contains(normalised(passage))) {
                    wrong.add(row.get("id") + ": not in the label: " + passage);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** The label's text, after checking the row's version and date against it; null when no file has the set-id. */
    private static String labelText(Map<String, String> row) throws IOException {
        String setId = row.get("set_id");
        if (row.get("source").contains("label-excerpts-2.md")) {
            return Files.readString(SHARED.resolve("knowledge/label-excerpts-2.md"));
        }
        if (!row.get("spl_id").isBlank()) {
            try (Stream<Path> files = Files.list(SHARED.resolve("fda-labels-more/derived-openfda-sections"))) {
                Path file = files.filter(p -> p.getFileName().toString().endsWith("__" + setId + ".json")).findFirst()
                        .orElse(null);
                if (file == null) {
                    return null;
                }
                JsonNode extract = JSON.readTree(file.toFile());
                assertThat(extract.path("openfda_meta").path("spl_id").path(0).asText()).isEqualTo(row.get("spl_id"));
                return String.join(" ", values(extract.path("sections")));
            }
        }
        try (Stream<Path> files = Files.list(SHARED.resolve("fda-labels"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode label = JSON.readTree(file.toFile());
                label = label.has("results") ? label.path("results").path(0) : label;
                if (setId.equals(label.path("set_id").asText())) {
                    String date = label.path("effective_time").asText();
                    assertThat(row.get("version")).as(row.get("id") + " version").isEqualTo(label.path("version").asText());
                    assertThat(row.get("effective_date")).as(row.get("id") + " date")
                            .isEqualTo(date.substring(0, 4) + "-" + date.substring(4, 6) + "-" + date.substring(6, 8));
                    List<String> all = new ArrayList<>();
                    label.fields().forEachRemaining(e -> e.getValue().forEach(v -> all.add(v.asText())));
                    return String.join(" ", all);
                }
            }
        }
        return null;
    }

    private static List<String> values(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fields().forEachRemaining(e -> out.add(e.getValue().asText()));
        return out;
    }

    private static String normalised(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static List<Map<String, String>> rows() throws IOException {
        CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.ALLOW_COMMENTS);
        try (MappingIterator<Map<String, String>> it = csv.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(Path.of("knowledge-base/pregnancy.csv").toFile())) {
            return it.readAll();
        }
    }
}
