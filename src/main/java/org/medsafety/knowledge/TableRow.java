package org.medsafety.knowledge;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Reads the cells every knowledge table shares (numbers, severity, source, route, the ingredient a row names),
 * reporting each problem with its file and line. For the tables read outside {@link KnowledgeLoader}.
 */
final class TableRow {

    static final Set<String> ROUTES = Set.of("oral", "intravenous", "intramuscular", "subcutaneous", "transdermal",
            "inhalation", "rectal", "topical", "sublingual");

    private final List<KnowledgeProblem> problems;
    private final BiFunction<CsvTable.Row, String, Integer> ingredients;

    /**
     * @param problems    where problems go
     * @param ingredients the loader's ingredient lookup: a row and a column naming an RxCUI or an ingredient name, to
     *                    the ingredient's id (null, with a problem, when unknown)
     */
    TableRow(List<KnowledgeProblem> problems, BiFunction<CsvTable.Row, String, Integer> ingredients) {
        this.problems = problems;
        this.ingredients = ingredients;
    }

    /** The ingredient a row names by {@code rxcui}, or by {@code name} when it has no RxCUI. */
    Integer ingredient(CsvTable.Row row) {
        return ingredients.apply(row, row.get("rxcui") != null ? "rxcui" : "name");
    }

    String required(CsvTable.Row row, String column) {
        String value = row.get(column);
        if (value == null) {
            problem(row, "column " + column + " is empty");
        }
        return value;
    }

    Double number(CsvTable.Row row, String column) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(value);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(row, "'" + value + "' in column " + column + " is not a number");
        return null;
    }

    Double optionalPositive(CsvTable.Row row, String column) {
        Double value = number(row, column);
        if (value != null && value <= 0) {
            problem(row, column + " must be above zero, not " + row.get(column));
            return null;
        }
        return value;
    }

    Double optionalNonNegative(CsvTable.Row row, String column) {
        Double value = number(row, column);
        if (value != null && value < 0) {
            problem(row, column + " must not be negative");
            return null;
        }
        return value;
    }

    Severity severity(CsvTable.Row row) {
        String value = required(row, "severity");
        if (value == null) {
            return null;
        }
        try {
            return Severity.parse(value);
        } catch (IllegalArgumentException e) {
            problem(row, "severity '" + value + "' is not one of contraindicated, major, moderate, minor");
            return null;
        }
    }

    Source source(CsvTable.Row row) {
        String citation = row.get("source");
        if (citation == null) {
            problem(row, "row has no source");
            return null;
        }
        return new Source(citation, row.get("source_url"));
    }

    String route(CsvTable.Row row) {
        String route = row.get("route");
        if (route != null && !ROUTES.contains(route)) {
            problem(row, "route '" + route + "' is not one of " + String.join(", ", new TreeSet<>(ROUTES)));
            return null;
        }
        return route;
    }

    void problem(CsvTable.Row row, String message) {
        problems.add(new KnowledgeProblem(row.file(), row.line(), message));
    }
}
