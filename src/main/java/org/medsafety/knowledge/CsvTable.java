package org.medsafety.knowledge;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
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
                Map<String, String> values = it.nextValue();
                int line = it.getCurrentLocation().getLineNr();
                if (rows.isEmpty()) {
                    for (String column : requiredColumns) {
                        if (!values.containsKey(column)) {
                            problems.add(new KnowledgeProblem(file, 1, "missing column '" + column + "'"));
                        }
                    }
                }
                rows.add(new Row(file, line, values));
            }
        } catch (IOException | RuntimeException e) {
            problems.add(new KnowledgeProblem(file, 0, "not readable as CSV: " + e.getMessage()));
        }
        return rows;
    }
}
