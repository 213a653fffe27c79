package org.medsafety.knowledge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads dose-reduction-criteria.csv: reduced doses a label ties to patient characteristics, indexed by ingredient.
 * Criteria are written "age_years >= 80; weight_kg <= 60; serum_creatinine_mg_dl >= 1.5".
 */
final class DoseReductionTable {

    static final String FILE = "dose-reduction-criteria.csv";
    static final List<String> COLUMNS = List.of("id", "rxcui", "name", "route", "criteria", "criteria_needed",
            "max_single_mg", "severity", "note", "source", "source_url");
    private static final Pattern CRITERION = Pattern.compile("\\s*([a-z_]+)\\s*(>=|<=|>|<)\\s*(\\d+(?:\\.\\d+)?)\\s*");

    private final TableRow cells;
    private final DrugReferences drugs;

    DoseReductionTable(TableRow cells, DrugReferences drugs) {
        this.cells = cells;
        this.drugs = drugs;
    }

    Map<Integer, List<DoseReduction>> read(List<CsvTable.Row> rows) {
        Map<Integer, List<DoseReduction>> result = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (CsvTable.Row row : rows) {
            String id = cells.required(row, "id");
            Integer ingredient = drugs.ingredient(row);
            Source source = cells.source(row);
            Severity severity = cells.severity(row);
            String route = cells.route(row);
            Double needed = cells.optionalPositive(row, "criteria_needed");
            Double maxSingle = cells.optionalPositive(row, "max_single_mg");
            List<DoseReduction.Criterion> criteria = criteria(row);
            if (id == null || ingredient == null || source == null || severity == null || criteria == null) {
                continue;
            }
            if (!ids.add(id)) {
                cells.problem(row, "duplicate dose reduction id " + id);
                continue;
            }
            if (needed == null || needed != Math.rint(needed) || needed > criteria.size()) {
                cells.problem(row, "criteria_needed must be a whole number from 1 to the number of criteria ("
                        + criteria.size() + ")");
                continue;
            }
            if (maxSingle == null) {
                cells.problem(row, "column max_single_mg is empty");
                continue;
            }
            result.computeIfAbsent(ingredient, k -> new ArrayList<>()).add(new DoseReduction(id, ingredient, route,
                    criteria, needed.intValue(), maxSingle, severity, row.get("note"), source));
        }
        result.replaceAll((k, v) -> List.copyOf(v));
        return result;
    }

    private List<DoseReduction.Criterion> criteria(CsvTable.Row row) {
        String text = cells.required(row, "criteria");
        if (text == null) {
            return null;
        }
        List<DoseReduction.Criterion> criteria = new ArrayList<>();
        for (String part : text.split(";")) {
            Matcher m = CRITERION.matcher(part);
            DoseReduction.Measure measure = m.matches() ? measure(m.group(1)) : null;
            if (measure == null) {
                cells.problem(row, "criterion '" + part.trim() + "' is not '<measure> <comparison> <number>' with "
                        + "measure age_years, weight_kg or serum_creatinine_mg_dl and comparison >=, <=, > or <");
                return null;
            }
            criteria.add(new DoseReduction.Criterion(measure, m.group(2), Double.parseDouble(m.group(3))));
        }
        return List.copyOf(criteria);
    }

    private static DoseReduction.Measure measure(String name) {
        try {
            return DoseReduction.Measure.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
