package org.medsafety.knowledge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads products.csv: RxNorm products with the strength of each ingredient, one row per ingredient. */
final class ProductTable {

    static final String FILE = "products.csv";
    static final List<String> COLUMNS = List.of("rxcui", "name", "ingredient_rxcui", "strength", "unit", "per",
            "dose_form", "source", "source_url");

    private final TableRow cells;
    private final DrugReferences drugs;

    ProductTable(TableRow cells, DrugReferences drugs) {
        this.cells = cells;
        this.drugs = drugs;
    }

    /** Products by RxCUI, in file order; a product's rows share its name. */
    Map<Integer, Product> read(List<CsvTable.Row> rows) {
        Map<Integer, List<Strength>> strengths = new LinkedHashMap<>();
        Map<Integer, CsvTable.Row> first = new HashMap<>();
        for (CsvTable.Row row : rows) {
            Integer rxcui = cells.rxcui(row, "rxcui");
            Integer ingredient = drugs.ingredient(row, "ingredient_rxcui");
            Double amount = cells.positive(row, "strength");
            String unit = cells.required(row, "unit");
            if (rxcui == null || ingredient == null || amount == null || unit == null || cells.source(row) == null) {
                continue;
            }
            CsvTable.Row earlier = first.putIfAbsent(rxcui, row);
            if (earlier != null && !earlier.get("name").equals(row.get("name"))) {
                cells.problem(row, "product " + rxcui + " has two names");
            }
            strengths.computeIfAbsent(rxcui, k -> new ArrayList<>()).add(new Strength(ingredient, amount, unit, row.get("per")));
        }
        Map<Integer, Product> products = new LinkedHashMap<>();
        strengths.forEach((rxcui, list) -> {
            CsvTable.Row row = first.get(rxcui);
            products.put(rxcui, new Product(rxcui, row.get("name"), list, row.get("dose_form"), cells.source(row)));
        });
        return products;
    }
}
