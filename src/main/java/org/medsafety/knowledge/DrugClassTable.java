package org.medsafety.knowledge;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads drug-classes.csv and class-members.csv: the classes other tables name as "class:&lt;id&gt;", and their member
 * ingredients.
 */
final class DrugClassTable {

    static final String CLASSES = "drug-classes.csv";
    static final String MEMBERS = "class-members.csv";
    static final List<String> CLASS_COLUMNS = List.of("class", "name", "source", "source_url");
    static final List<String> MEMBER_COLUMNS = List.of("class", "rxcui", "name", "source", "source_url");

    /** The classes by id (in file order), and the classes of each ingredient. */
    record Classes(Map<String, DrugClass> byId, Map<Integer, Set<String>> ofIngredient) {
    }

    private final TableRow cells;
    private final DrugReferences drugs;

    DrugClassTable(TableRow cells, DrugReferences drugs) {
        this.cells = cells;
        this.drugs = drugs;
    }

    Classes read(List<CsvTable.Row> classRows, List<CsvTable.Row> memberRows) {
        Map<String, Source> sources = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        for (CsvTable.Row row : classRows) {
            String id = cells.required(row, "class");
            String name = cells.required(row, "name");
            Source source = cells.source(row);
            if (id == null || name == null || source == null) {
                continue;
            }
            if (sources.putIfAbsent(id, source) != null) {
                cells.problem(row, "duplicate class '" + id + "'");
            }
            names.put(id, name);
        }
        Map<String, Set<Integer>> members = new HashMap<>();
        Map<Integer, Set<String>> classesOfIngredient = new HashMap<>();
        for (CsvTable.Row row : memberRows) {
            String id = cells.required(row, "class");
            Integer rxcui = drugs.ingredient(row);
            Source source = cells.source(row);
            if (id == null || rxcui == null || source == null) {
                continue;
            }
            if (!sources.containsKey(id)) {
                cells.problem(row, "unknown class '" + id + "' (not in " + CLASSES + ")");
                continue;
            }
            if (!members.computeIfAbsent(id, k -> new HashSet<>()).add(rxcui)) {
                cells.problem(row, "ingredient " + rxcui + " listed twice in class '" + id + "'");
            }
            classesOfIngredient.computeIfAbsent(rxcui, k -> new HashSet<>()).add(id);
        }
        Map<String, DrugClass> classes = new LinkedHashMap<>();
        sources.forEach((id, source) -> classes.put(id,
                new DrugClass(id, names.get(id), members.getOrDefault(id, Set.of()), source)));
        classesOfIngredient.replaceAll((k, v) -> Set.copyOf(v));
        return new Classes(classes, classesOfIngredient);
    }
}
