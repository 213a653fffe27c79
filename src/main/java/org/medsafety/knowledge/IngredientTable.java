package org.medsafety.knowledge;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads ingredients.csv: every ingredient the other tables may name, one identity each. RxCUI rows keep their RxCUI
 * as id; a name-only row whose name (or a synonym) the RxNorm vocabulary gives takes that ingredient's RxCUI, so that
 * its knowledge meets orders coded by RxCUI; other name-only rows get -1, -2, … in file order.
 */
final class IngredientTable {

    static final String FILE = "ingredients.csv";
    static final List<String> COLUMNS = List.of("rxcui", "name", "synonyms", "source", "source_url");

    private final TableRow cells;
    private final VocabularyIndex vocabulary;

    IngredientTable(TableRow cells, VocabularyIndex vocabulary) {
        this.cells = cells;
        this.vocabulary = vocabulary;
    }

    /** Ingredients by id, in file order. */
    Map<Integer, Ingredient> read(List<CsvTable.Row> rows) {
        Map<Integer, Ingredient> ingredients = new LinkedHashMap<>();
        Map<String, Ingredient> byName = new HashMap<>();
        int nextNameOnlyId = -1;
        for (CsvTable.Row row : rows) {
            String name = cells.required(row, "name");
            Source source = cells.source(row);
            Integer rxcui = row.get("rxcui") == null ? null : cells.rxcui(row, "rxcui");
            if (name == null || source == null || (row.get("rxcui") != null && rxcui == null)) {
                continue;
            }
            List<String> synonyms = row.get("synonyms") == null ? List.of()
                    : Arrays.stream(row.get("synonyms").split("\\|")).map(String::trim).filter(x -> !x.isEmpty()).toList();
            Integer named = rxcui != null ? null : vocabularyRxcui(name, synonyms);
            int id = rxcui != null ? rxcui : named != null ? named : nextNameOnlyId--;
            Ingredient ingredient = new Ingredient(id, name, synonyms, source);
            if (ingredients.containsKey(id)) {
                cells.problem(row, (named != null ? "'" + name + "' is RxNorm ingredient " + id + ", already listed as '"
                        : "duplicate ingredient RxCUI " + id + ", already listed as '") + ingredients.get(id).name()
                        + "': merge the rows");
                continue;
            }
            if (byName.putIfAbsent(name.toLowerCase(Locale.ROOT), ingredient) != null) {
                cells.problem(row, "duplicate ingredient name '" + name + "'");
                continue;
            }
            ingredients.put(id, ingredient);
        }
        return ingredients;
    }

    private Integer vocabularyRxcui(String name, List<String> synonyms) {
        Integer rxcui = vocabulary.rxcuiNamed(name);
        for (int i = 0; rxcui == null && i < synonyms.size(); i++) {
            rxcui = vocabulary.rxcuiNamed(synonyms.get(i));
        }
        return rxcui;
    }
}
