package org.medsafety.knowledge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads duplicate-therapy.csv: the classes of which two drugs at once are a duplication (optional). */
final class DuplicateTherapyTable {

    static final String FILE = "duplicate-therapy.csv";
    static final List<String> COLUMNS = List.of("id", "class", "severity", "note", "source", "source_url");

    private final TableRow cells;
    private final Map<String, DrugClass> classes;

    DuplicateTherapyTable(TableRow cells, Map<String, DrugClass> classes) {
        this.cells = cells;
        this.classes = classes;
    }

    List<DuplicateTherapy> read(List<CsvTable.Row> rows) {
        List<DuplicateTherapy> result = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (CsvTable.Row row : rows) {
            String id = cells.required(row, "id");
            String classId = cells.required(row, "class");
            Severity severity = cells.severity(row);
            Source source = cells.source(row);
            if (id == null || classId == null || severity == null || source == null) {
                continue;
            }
            DrugClass drugClass = classes.get(classId.startsWith("class:") ? classId.substring(6) : classId);
            if (drugClass == null) {
                cells.problem(row, "unknown class '" + classId + "' (not in " + DrugClassTable.CLASSES + ")");
                continue;
            }
            if (!ids.add(id)) {
                cells.problem(row, "duplicate duplicate-therapy id " + id);
                continue;
            }
            result.add(new DuplicateTherapy(id, drugClass, severity, row.get("note"), source));
        }
        return result;
    }
}
