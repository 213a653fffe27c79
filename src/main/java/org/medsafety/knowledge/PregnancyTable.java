package org.medsafety.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads knowledge-base/pregnancy.csv (format in docs/knowledge-format.md) and indexes it by ingredient: a class row
 * ("class:nsaids") is expanded to its members at load, so a lookup is one hash read. Each row must carry the label's
 * verbatim text, section and set-id, and a version with its date or, for openFDA section extracts, the SPL id.
 */
public final class PregnancyTable {

    public static final String FILE = "pregnancy.csv";
    static final String[] COLUMNS = {"id", "drug", "title", "severity", "from_weeks", "before_weeks", "route",
            "exception", "label_text", "section", "set_id", "version", "effective_date", "spl_id", "source",
            "source_url"};

    static final PregnancyTable EMPTY = new PregnancyTable(Map.of(), List.of());

    /** How the table finds the ingredients a drug column names (an RxCUI, a name or a class); null when unknown. */
    interface Drugs {
        Set<Integer> members(CsvTable.Row row, String column);
    }

    /** Most serious first, then a drug's own label before a class statement: the order a card should prefer. */
    private static final Comparator<PregnancyRow> PREFERRED = Comparator.comparing(PregnancyRow::severity)
            .thenComparing(PregnancyRow::isClassRow);

    private final Map<Integer, List<PregnancyRow>> byIngredient;
    private final List<PregnancyRow> rows;

    private PregnancyTable(Map<Integer, List<PregnancyRow>> byIngredient, List<PregnancyRow> rows) {
        this.byIngredient = byIngredient;
        this.rows = rows;
    }

    /** Rows that hold for this ingredient, most serious first; empty (never null) when none. */
    public List<PregnancyRow> rowsFor(int ingredient) {
        return byIngredient.getOrDefault(ingredient, List.of());
    }

    /** The ingredients some row speaks of, directly or through its class. */
    Set<Integer> ingredients() {
        return byIngredient.keySet();
    }

    public List<PregnancyRow> all() {
        return rows;
    }

    static PregnancyTable read(List<CsvTable.Row> csv, Drugs drugs, List<KnowledgeProblem> problems) {
        Map<Integer, List<PregnancyRow>> index = new HashMap<>();
        List<PregnancyRow> all = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (CsvTable.Row row : csv) {
            PregnancyRow parsed = row(row, problems);
            Set<Integer> members = drugs.members(row, "drug");
            if (parsed == null || members == null) {
                continue;
            }
            if (!ids.add(parsed.id())) {
                problems.add(problem(row, "duplicate pregnancy id " + parsed.id()));
                continue;
            }
            all.add(parsed);
            for (int ingredient : members) {
                index.computeIfAbsent(ingredient, k -> new ArrayList<>()).add(parsed);
            }
        }
        index.replaceAll((k, v) -> v.stream().sorted(PREFERRED).toList());
        return new PregnancyTable(Map.copyOf(index), List.copyOf(all));
    }

    private static PregnancyRow row(CsvTable.Row row, List<KnowledgeProblem> problems) {
        int before = problems.size();
        String id = required(row, "id", problems);
        String title = required(row, "title", problems);
        String text = required(row, "label_text", problems);
        String section = required(row, "section", problems);
        String setId = required(row, "set_id", problems);
        String citation = required(row, "source", problems);
        Severity severity = severity(row, problems);
        Double from = weeks(row, "from_weeks", problems);
        Double until = weeks(row, "before_weeks", problems);
        if (problems.size() > before) {
            return null;
        }
        // A label is pinned by its version and date, or (openFDA section extracts carry neither) by its SPL id.
        if ((row.get("version") == null || row.get("effective_date") == null) && row.get("spl_id") == null) {
            problems.add(problem(row, "a label row needs version and effective_date, or spl_id"));
            return null;
        }
        if (!citation.contains(setId)) {
            problems.add(problem(row, "source does not name the set-id " + setId));
            return null;
        }
        if (from != null && until != null && from >= until) {
            problems.add(problem(row, "from_weeks " + from + " is not below before_weeks " + until));
            return null;
        }
        if (severity == Severity.MINOR) {
            problems.add(problem(row, "a pregnancy row is contraindicated, major or moderate"));
            return null;
        }
        String route = row.get("route");
        if (route != null && !TableRow.ROUTES.contains(route)) {
            problems.add(problem(row, "route '" + route + "' is not one of " + new java.util.TreeSet<>(TableRow.ROUTES)));
            return null;
        }
        return new PregnancyRow(id, row.get("drug"), title, severity, from, until, route, row.get("exception"), text,
                section, new Source(citation, row.get("source_url")));
    }

    private static Severity severity(CsvTable.Row row, List<KnowledgeProblem> problems) {
        String value = required(row, "severity", problems);
        if (value == null) {
            return null;
        }
        try {
            return Severity.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add(problem(row, "severity '" + value + "' is not one of contraindicated, major, moderate"));
            return null;
        }
    }

    /** Gestational weeks: a number from 0 to 45 (an engineering bound, wider than any pregnancy). */
    private static Double weeks(CsvTable.Row row, String column, List<KnowledgeProblem> problems) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            double w = Double.parseDouble(value);
            if (w >= 0 && w <= 45) {
                return w;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(problem(row, "'" + value + "' in column " + column + " is not a number of weeks from 0 to 45"));
        return null;
    }

    private static String required(CsvTable.Row row, String column, List<KnowledgeProblem> problems) {
        String value = row.get(column);
        if (value == null) {
            problems.add(problem(row, "column " + column + " is empty"));
        }
        return value;
    }

    private static KnowledgeProblem problem(CsvTable.Row row, String message) {
        return new KnowledgeProblem(row.file(), row.line(), message);
    }
}
