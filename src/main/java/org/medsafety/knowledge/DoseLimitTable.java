package org.medsafety.knowledge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads dose-limits.csv: each label's maximum single, daily and weekly doses (in mg, or per kg), by route and age
 * band, indexed by ingredient.
 */
final class DoseLimitTable {

    static final String FILE = "dose-limits.csv";
    static final List<String> COLUMNS = List.of("id", "rxcui", "name", "route", "min_age_years", "max_age_years",
            "max_single_mg", "max_daily_mg", "note", "source", "source_url");

    private final TableRow cells;
    private final DrugReferences drugs;

    DoseLimitTable(TableRow cells, DrugReferences drugs) {
        this.cells = cells;
        this.drugs = drugs;
    }

    Map<Integer, List<DoseLimit>> read(List<CsvTable.Row> rows) {
        Map<Integer, List<DoseLimit>> limits = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (CsvTable.Row row : rows) {
            String id = cells.required(row, "id");
            Integer ingredient = drugs.ingredient(row);
            Source source = cells.source(row);
            Double single = cells.optionalPositive(row, "max_single_mg");
            Double daily = cells.optionalPositive(row, "max_daily_mg");
            Double singlePerKg = cells.optionalPositive(row, "max_single_mg_per_kg");
            Double dailyPerKg = cells.optionalPositive(row, "max_daily_mg_per_kg");
            Double weekly = cells.optionalPositive(row, "max_weekly_mg");
            boolean weeklyOnly = "yes".equalsIgnoreCase(row.get("weekly_only"));
            Double minAge = cells.optionalNonNegative(row, "min_age_years");
            Double maxAge = cells.optionalNonNegative(row, "max_age_years");
            String route = cells.route(row);
            if (id == null || ingredient == null || source == null) {
                continue;
            }
            if (!ids.add(id)) {
                cells.problem(row, "duplicate dose limit id " + id);
                continue;
            }
            if (single == null && daily == null && singlePerKg == null && dailyPerKg == null && weekly == null
                    && !weeklyOnly) {
                cells.problem(row, "a dose limit needs a maximum (max_single_mg, max_daily_mg, a per-kg maximum, "
                        + "max_weekly_mg) or weekly_only");
                continue;
            }
            if (single != null && daily != null && single > daily) {
                cells.problem(row, "max_single_mg " + single + " is above max_daily_mg " + daily);
                continue;
            }
            if (singlePerKg != null && dailyPerKg != null && singlePerKg > dailyPerKg) {
                cells.problem(row, "max_single_mg_per_kg is above max_daily_mg_per_kg");
                continue;
            }
            if (minAge != null && maxAge != null && minAge > maxAge) {
                cells.problem(row, "min_age_years is above max_age_years");
                continue;
            }
            limits.computeIfAbsent(ingredient, k -> new ArrayList<>()).add(new DoseLimit(id, ingredient, route,
                    minAge, maxAge, single, daily, singlePerKg, dailyPerKg, weekly, weeklyOnly, row.get("note"),
                    source));
        }
        limits.replaceAll((k, v) -> List.copyOf(v));
        return limits;
    }
}
