package org.medsafety.knowledge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads renal-limits.csv: what each label says to do in a band of renal function, in the measure the label states
 * (CrCl, eGFR, or either where the label names both), indexed by ingredient.
 */
final class RenalLimitTable {

    static final String FILE = "renal-limits.csv";
    static final List<String> COLUMNS = List.of("id", "rxcui", "name", "route", "measure", "below", "at_or_above",
            "action", "max_daily_mg", "severity", "note", "source", "source_url");
    private static final Set<String> ACTIONS = Set.of("avoid", "avoid-initiation", "max-daily");

    private final TableRow cells;
    private final DrugReferences drugs;

    RenalLimitTable(TableRow cells, DrugReferences drugs) {
        this.cells = cells;
        this.drugs = drugs;
    }

    Map<Integer, List<RenalLimit>> read(List<CsvTable.Row> rows) {
        Map<Integer, List<RenalLimit>> limits = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (CsvTable.Row row : rows) {
            String id = cells.required(row, "id");
            Integer ingredient = drugs.ingredient(row);
            Source source = cells.source(row);
            Severity severity = cells.severity(row);
            String measure = cells.required(row, "measure");
            Double below = cells.optionalPositive(row, "below");
            Double atOrAbove = cells.optionalNonNegative(row, "at_or_above");
            String action = cells.required(row, "action");
            Double maxDaily = cells.optionalPositive(row, "max_daily_mg");
            String route = cells.route(row);
            if (id == null || ingredient == null || source == null || severity == null || measure == null
                    || action == null) {
                continue;
            }
            if (!ids.add(id)) {
                cells.problem(row, "duplicate renal limit id " + id);
                continue;
            }
            if (!RenalLimit.MEASURES.contains(measure)) {
                cells.problem(row, "measure '" + measure + "' is not crcl, egfr or crcl-or-egfr");
                continue;
            }
            if (below == null) {
                cells.problem(row, "column below is empty");
                continue;
            }
            if (atOrAbove != null && atOrAbove >= below) {
                cells.problem(row, "at_or_above " + atOrAbove + " is not below " + below);
                continue;
            }
            if (!ACTIONS.contains(action)) {
                cells.problem(row, "action '" + action + "' is not avoid, avoid-initiation or max-daily");
                continue;
            }
            if (action.equals("max-daily") != (maxDaily != null)) {
                cells.problem(row, "max_daily_mg is required for action max-daily, and only for it");
                continue;
            }
            limits.computeIfAbsent(ingredient, k -> new ArrayList<>()).add(new RenalLimit(id, ingredient, route,
                    measure, below, atOrAbove, action, maxDaily, severity, row.get("note"), source));
        }
        limits.replaceAll((k, v) -> List.copyOf(v));
        return limits;
    }
}
