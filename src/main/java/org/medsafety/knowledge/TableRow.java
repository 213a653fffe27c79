package org.medsafety.knowledge;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the cells every knowledge table shares (RxCUIs, numbers, severity, source, route), reporting each problem
 * with its file and line. The drugs a row names are read by {@link DrugReferences}.
 */
final class TableRow {

    static final Set<String> ROUTES = Set.of("oral", "intravenous", "intramuscular", "subcutaneous", "transdermal",
            "inhalation", "rectal", "topical", "sublingual");

    private final List<KnowledgeProblem> problems;

    /** @param problems where problems go */
    TableRow(List<KnowledgeProblem> problems) {
        this.problems = problems;
    }

    String required(CsvTable.Row row, String column) {
        String value = row.get(column);
        if (value == null) {
            problem(row, "column " + column + " is empty");
        }
        return value;
    }

    Integer rxcui(CsvTable.Row row, String column) {
        String value = required(row, column);
        if (value == null) {
            return null;
        }
        try {
            int rxcui = Integer.parseInt(value);
            if (rxcui > 0) {
                return rxcui;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(row, "'" + value + "' in column " + column + " is not an RxCUI");
        return null;
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

    /** A number above zero that must be given. */
    Double positive(CsvTable.Row row, String column) {
        Double value = optionalPositive(row, column);
        if (value == null && row.get(column) == null) {
            problem(row, "column " + column + " is empty");
        }
        return value;
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
