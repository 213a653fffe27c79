package org.medsafety.admin;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.medsafety.engine.RulesetFiles;
import org.medsafety.knowledge.KnowledgeLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local tuning rows of one ruleset version's files ({@code knowledge-base/local-tuning.csv}), edited and
 * written back into a copy of those files. Read from the files themselves, never from what some instance serves,
 * so a tuning edits exactly the version it names as its base.
 */
final class TuningTable {

    static final List<String> COLUMNS = List.of("target", "action", "severity", "reason", "author", "date", "source");
    private static final CsvMapper MAPPER = new CsvMapper().enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.TRIM_SPACES).enable(CsvParser.Feature.ALLOW_COMMENTS);

    private final Map<String, List<String>> rows = new LinkedHashMap<>();

    private TuningTable() {
    }

    /** The tuning rows of these files, by target, in file order (none if the file is absent). */
    static TuningTable of(RulesetFiles files) {
        TuningTable table = new TuningTable();
        byte[] csv = files.knowledge().get(KnowledgeLoader.LOCAL_TUNING);
        if (csv == null) {
            return table;
        }
        try (MappingIterator<Map<String, String>> it = MAPPER.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            while (it.hasNextValue()) {
                Map<String, String> row = it.nextValue();
                List<String> values = COLUMNS.stream().map(c -> row.get(c) == null ? "" : row.get(c).trim())
                        .toList();
                if (!values.get(0).isEmpty()) {
                    table.rows.put(values.get(0), values);
                }
            }
        } catch (IOException e) {
            // The file passed every check when its version was published; unreadable now means it was altered.
            throw new UncheckedIOException("local-tuning.csv of the base version is not readable", e);
        }
        return table;
    }

    /** Adds or replaces the decision about {@code target}. */
    void put(String target, String action, String severity, String reason, String author, String date) {
        rows.put(target, List.of(target, action, severity == null ? "" : severity, reason, author, date,
                "Local decision by " + author + " on " + date));
    }

    /** Removes the decision about {@code target}; false if there was none. */
    boolean remove(String target) {
        return rows.remove(target) != null;
    }

    Map<String, List<String>> rows() {
        return Map.copyOf(rows);
    }

    /** A copy of {@code base} with this table as its local tuning (no file at all when the table is empty). */
    RulesetFiles applyTo(RulesetFiles base) {
        Map<String, byte[]> knowledge = new HashMap<>(base.knowledge());
        if (rows.isEmpty()) {
            knowledge.remove(KnowledgeLoader.LOCAL_TUNING);
        } else {
            StringBuilder csv = new StringBuilder("# Local tuning: this site's departures from the shipped knowledge. "
                    + "Edit through /admin/tuning.\n").append(String.join(",", COLUMNS)).append('\n');
            rows.values().forEach(r -> csv.append(csvLine(r)).append('\n'));
            knowledge.put(KnowledgeLoader.LOCAL_TUNING, csv.toString().getBytes(StandardCharsets.UTF_8));
        }
        return new RulesetFiles(base.rules(), knowledge);
    }

    static String csvLine(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String field = fields.get(i).replace("\"", "\"\"").replace('\n', ' ').replace('\r', ' ');
            sb.append('"').append(field).append('"');
        }
        return sb.toString();
    }
}
