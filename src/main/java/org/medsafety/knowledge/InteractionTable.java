package org.medsafety.knowledge;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads interactions.csv, the hand-curated interactions, into the pair index: a class row ("class:nsaids") is
 * expanded to every member pair at load, so a lookup is one hash read.
 */
final class InteractionTable {

    static final String FILE = "interactions.csv";
    static final List<String> COLUMNS = List.of("id", "title", "object", "precipitant", "severity", "mechanism",
            "clinical_effect", "management", "documentation", "source", "source_url");

    private final TableRow cells;
    private final DrugReferences drugs;

    InteractionTable(TableRow cells, DrugReferences drugs) {
        this.cells = cells;
        this.drugs = drugs;
    }

    InteractionIndex read(List<CsvTable.Row> rows) {
        InteractionIndex index = new InteractionIndex();
        Set<String> ids = new HashSet<>();
        for (CsvTable.Row row : rows) {
            String id = cells.required(row, "id");
            Severity severity = cells.severity(row);
            Source source = cells.source(row);
            Set<Integer> objects = drugs.members(row, "object");
            Set<Integer> precipitants = drugs.members(row, "precipitant");
            InteractionList list = list(row);
            Double cap = cells.optionalPositive(row, "object_max_daily_mg");
            if (id == null || severity == null || source == null || objects == null || precipitants == null
                    || list == null) {
                continue;
            }
            if (!ids.add(id)) {
                cells.problem(row, "duplicate interaction id " + id);
                continue;
            }
            if (list == InteractionList.ONC_HIGH_PRIORITY && severity != Severity.CONTRAINDICATED) {
                cells.problem(row, "an onc-high-priority interaction must be contraindicated");
                continue;
            }
            if (list == InteractionList.ONC_NON_INTERRUPTIVE && severity != Severity.MINOR) {
                cells.problem(row, "an onc-non-interruptive interaction must be minor (it is never shown above info)");
                continue;
            }
            Interaction interaction = new Interaction(id, cells.required(row, "title"), row.get("object"),
                    row.get("precipitant"), severity, list, cap, row.get("mechanism"), row.get("clinical_effect"),
                    cells.required(row, "management"), row.get("documentation"), source, objects);
            for (int a : objects) {
                for (int b : precipitants) {
                    if (a != b) {
                        index.add(a, b, interaction);
                    }
                }
            }
        }
        return index;
    }

    /** The list column, or the legacy onc_high_priority=yes column. */
    private InteractionList list(CsvTable.Row row) {
        if (row.get("list") == null) {
            return "yes".equalsIgnoreCase(row.get("onc_high_priority")) ? InteractionList.ONC_HIGH_PRIORITY
                    : InteractionList.NONE;
        }
        try {
            return InteractionList.parse(row.get("list"));
        } catch (IllegalArgumentException e) {
            cells.problem(row, "list '" + row.get("list") + "' is not onc-high-priority, onc-non-interruptive or empty");
            return null;
        }
    }
}
