package org.medsafety.knowledge;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Project rule: every row of every shipped knowledge file says where it comes from (a non-empty {@code source}).
 * The files are read here with a small CSV reader of the test's own, so that this rule holds whatever the loader does.
 */
class KnowledgeSourcesTest {

    private static final Path KNOWLEDGE_BASE = Path.of("knowledge-base");

    /** One data row: its first line in the file and its cells. */
    private record Row(int line, List<String> cells) {
    }

    @Test
    void everyRowOfEveryShippedKnowledgeFileHasASource() throws IOException {
        List<Path> files;
        try (Stream<Path> paths = Files.list(KNOWLEDGE_BASE)) {
            files = paths.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        assertThat(files).hasSize(15);

        List<String> missing = new ArrayList<>();
        for (Path file : files) {
            missing.addAll(rowsWithoutSource(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
        }

        assertThat(missing).as("rows without a source").isEmpty();
    }

    @Test
    void theCheckFindsEmptyAndAbsentSources() {
        // The check above must be able to fail: an empty source cell, and a row cut short before it.
        String csv = "# comment\nid,name,source\n1,a,\"Smith, 2020\"\n2,\"b\nc\",\n3,d\n4,e,  \n5,f,Jones 2021";

        assertThat(rowsWithoutSource("t.csv", csv)).containsExactly("t.csv:4", "t.csv:6", "t.csv:7");
    }

    @Test
    void theReaderKeepsQuotedCommasAndLineBreaksInOneCell() {
        List<Row> rows = read("# comment\nid,name,source\n1,a,\"Smith, 2020\"\n2,\"b\nc\",\n\n3,\"say \"\"hi\"\"\",x\n");

        assertThat(rows).extracting(Row::line).containsExactly(2, 3, 4, 7);
        assertThat(rows.get(1).cells()).containsExactly("1", "a", "Smith, 2020");
        assertThat(rows.get(2).cells()).containsExactly("2", "b\nc", "");
        assertThat(rows.get(3).cells()).containsExactly("3", "say \"hi\"", "x");
    }

    /** "file:line" of each data row whose source cell is empty or absent; a file without the column fails outright. */
    private static List<String> rowsWithoutSource(String fileName, String text) {
        List<Row> rows = read(text);
        assertThat(rows).as(fileName + " has a header and rows").hasSizeGreaterThan(1);
        int source = rows.get(0).cells().indexOf("source");
        assertThat(source).as(fileName + " has a 'source' column").isNotNegative();
        List<String> missing = new ArrayList<>();
        for (Row row : rows.subList(1, rows.size())) {
            String value = source < row.cells().size() ? row.cells().get(source).strip() : "";
            if (value.isEmpty()) {
                missing.add(fileName + ":" + row.line());
            }
        }
        return missing;
    }

    /** RFC 4180 with '#' comment lines and blank lines skipped; quoted cells may hold commas, quotes and line breaks. */
    private static List<Row> read(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean atRowStart = true;
        int line = 1;
        int rowLine = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (atRowStart) {
                if (c == '#' || c == '\n' || c == '\r') {
                    while (i < text.length() && text.charAt(i) != '\n') {
                        i++;
                    }
                    line++;
                    continue;
                }
                atRowStart = false;
                rowLine = line;
            }
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                cells.add(cell.toString().replace("\r", ""));
                cell.setLength(0);
                rows.add(new Row(rowLine, List.copyOf(cells)));
                cells.clear();
                atRowStart = true;
                line++;
            } else {
                cell.append(c);
            }
        }
        if (!atRowStart) {
            cells.add(cell.toString().replace("\r", ""));
            rows.add(new Row(rowLine, List.copyOf(cells)));
        }
        return rows;
    }
}
