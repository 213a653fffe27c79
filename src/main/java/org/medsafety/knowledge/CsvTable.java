package org.medsafety.knowledge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One knowledge CSV file read into rows that remember their line, so every problem can point at file and line.
 * Lines starting with '#' are comments; the first other line is the header.
 */
final class CsvTable {

    private static final CsvMapper MAPPER = new CsvMapper().enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.TRIM_SPACES).enable(CsvParser.Feature.ALLOW_COMMENTS);

    record Row(String file, int line, Map<String, String> values) {

        String get(String column) {
            String v = values.get(column);
            return v == null || v.isBlank() ? null : v.trim();
        }
    }

    private CsvTable() {
    }

    static List<Row> read(String file, byte[] content, List<String> requiredColumns, List<KnowledgeProblem> problems) {
        List<Row> rows = new ArrayList<>();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> it = MAPPER.readerForMapOf(String.class).with(schema).readValues(content)) {
            while (it.hasNextValue()) {
                // Between hasNextValue() and nextValue() the parser stands at the start of the row; after nextValue()
                // it stands past the row's end (usually the next line), which is not the line to report.
                int line = it.getParser().currentLocation().getLineNr();
                Map<String, String> values = it.nextValue();
                if (rows.isEmpty()) {
                    for (String column : requiredColumns) {
                        if (!values.containsKey(column)) {
                            problems.add(new KnowledgeProblem(file, headerLine(content), "missing column '" + column + "'"));
                        }
                    }
                }
                rows.add(new Row(file, line, values));
            }
        } catch (JsonProcessingException e) {
            // Malformed CSV, e.g. an unquoted comma giving a row one column too many: point at where reading stopped.
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.add(new KnowledgeProblem(file, line, "not readable as CSV: " + e.getOriginalMessage()));
        } catch (IOException | RuntimeException e) {
            problems.add(new KnowledgeProblem(file, 0, "not readable as CSV: " + e.getMessage()));
        }
        return rows;
    }

    /** The line of the header: the first line that is neither blank nor a comment. */
    private static int headerLine(byte[] content) {
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                return i + 1;
            }
        }
        return 1;
    }
}
