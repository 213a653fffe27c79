package org.medsafety.knowledge;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads allergy-cross-sensitivity.csv: an allergy to one drug (or class) that warns against another, indexed by
 * allergen and drug, and by allergen class for allergies recorded as a class.
 */
final class CrossSensitivityTable {

    static final String FILE = "allergy-cross-sensitivity.csv";
    static final List<String> COLUMNS = List.of("id", "title", "allergen", "drug", "severity", "note", "source",
            "source_url");

    private final TableRow cells;
    private final DrugReferences drugs;

    CrossSensitivityTable(TableRow cells, DrugReferences drugs) {
        this.cells = cells;
        this.drugs = drugs;
    }

    CrossSensitivityIndex read(List<CsvTable.Row> rows) {
        CrossSensitivityIndex index = new CrossSensitivityIndex();
        Set<String> ids = new HashSet<>();
        for (CsvTable.Row row : rows) {
            String id = cells.required(row, "id");
            Severity severity = cells.severity(row);
            Source source = cells.source(row);
            Set<Integer> allergens = drugs.members(row, "allergen");
            Set<Integer> drugsOfRow = drugs.members(row, "drug");
            if (id == null || severity == null || source == null || allergens == null || drugsOfRow == null) {
                continue;
            }
            if (!ids.add(id)) {
                cells.problem(row, "duplicate cross-sensitivity id " + id);
                continue;
            }
            CrossSensitivity cs = new CrossSensitivity(id, cells.required(row, "title"), row.get("allergen"),
                    row.get("drug"), severity, row.get("note"), source);
            String allergen = row.get("allergen");
            for (int drug : drugsOfRow) {
                for (int a : allergens) {
                    index.add(a, drug, cs);
                }
                if (allergen.startsWith("class:")) {
                    index.addClass(allergen.substring(6), drug, cs);
                }
            }
        }
        return index;
    }
}
