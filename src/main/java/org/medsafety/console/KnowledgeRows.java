package org.medsafety.console;

import io.quarkus.qute.TemplateData;
import org.medsafety.knowledge.KnowledgeBase;
import org.medsafety.knowledge.Source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The knowledge tables of the served ruleset as rows a pharmacist can search: id, title, what the row says (limits,
 * severity, the label's words) and its source with link. Search and paging happen here, on the server, because the
 * interaction tables hold thousands of rows.
 */
final class KnowledgeRows {

    /** The tables the console shows, in menu order: key, then title. */
    static final Map<String, String> TABLES = new java.util.LinkedHashMap<>(Map.of());

    static {
        TABLES.put("interactions", "Interactions");
        TABLES.put("ingredients", "Ingredients");
        TABLES.put("classes", "Drug classes");
        TABLES.put("allergy", "Allergy groups (cross-sensitivity)");
        TABLES.put("dose", "Dose limits");
        TABLES.put("renal", "Renal limits");
    }

    static final int PAGE_SIZE = 50;

    @TemplateData
    record Row(String id, String title, String detail, String source, String url) {
    }

    @TemplateData
    record Page(List<Row> rows, int page, int pages, int matching, int total) {
        public boolean hasPrevious() {
            return page > 1;
        }

        public boolean hasNext() {
            return page < pages;
        }

        public int previous() {
            return page - 1;
        }

        public int next() {
            return page + 1;
        }
    }

    private KnowledgeRows() {
    }

    static List<Row> of(KnowledgeBase kb, String table) {
        List<Row> rows = switch (table) {
            case "interactions" -> kb.interactionRows().stream().map(i -> row(i.id(), i.title(),
                    join(i.severity() == null ? null : i.severity().label(), i.clinicalEffect(), i.management()),
                    i.source())).toList();
            case "ingredients" -> kb.ingredients().stream().map(i -> row(String.valueOf(i.id()), i.name(),
                    String.join(", ", i.synonyms()), i.source())).toList();
            case "classes" -> kb.classes().stream().map(c -> row(c.id(), c.name(), c.members().stream().sorted()
                    .map(id -> name(kb, id)).collect(Collectors.joining(", ")), c.source())).toList();
            case "allergy" -> kb.crossSensitivityRows().stream().map(c -> row(c.id(), c.title(),
                    join(c.allergen() + " → " + c.drug(), c.severity() == null ? null : c.severity().label(),
                            c.note()), c.source())).toList();
            case "dose" -> kb.doseLimitRows().stream().map(d -> row(d.id(),
                    name(kb, d.ingredientId()) + (d.route() == null ? "" : ", " + d.route()),
                    join(limits(d), d.note()), d.source())).toList();
            case "renal" -> kb.renalLimitRows().stream().map(r -> row(r.id(),
                    name(kb, r.ingredientId()) + (r.route() == null ? "" : ", " + r.route()),
                    join(r.measure() + " below " + number(r.below()) + ": " + r.action()
                            + (r.maxDailyMg() == null ? "" : ", at most " + number(r.maxDailyMg()) + " mg/day"),
                            r.note()), r.source())).toList();
            default -> throw new IllegalArgumentException(table);
        };
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(Row::id));
        return sorted;
    }

    /** The rows whose id, title or text contain {@code query} (any case), page {@code page} (from 1) of them. */
    static Page page(List<Row> rows, String query, int page) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        List<Row> matching = q.isEmpty() ? rows : rows.stream().filter(r -> contains(r.id(), q)
                || contains(r.title(), q) || contains(r.detail(), q) || contains(r.source(), q)).toList();
        int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int p = Math.min(Math.max(1, page), pages);
        List<Row> slice = matching.subList(Math.min(matching.size(), (p - 1) * PAGE_SIZE),
                Math.min(matching.size(), p * PAGE_SIZE));
        return new Page(slice, p, pages, matching.size(), rows.size());
    }

    private static boolean contains(String text, String q) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(q);
    }

    private static Row row(String id, String title, String detail, Source source) {
        return new Row(id, title, detail, source == null ? null : source.citation(),
                source == null ? null : CardView.safeUrl(source.url()));
    }

    private static String name(KnowledgeBase kb, int rxcui) {
        var ingredient = kb.ingredient(rxcui);
        return ingredient == null ? String.valueOf(rxcui) : ingredient.name();
    }

    private static String limits(org.medsafety.knowledge.DoseLimit d) {
        List<String> parts = new ArrayList<>();
        if (d.minAgeYears() != null || d.maxAgeYears() != null) {
            parts.add("age " + (d.minAgeYears() == null ? "" : number(d.minAgeYears())) + "–"
                    + (d.maxAgeYears() == null ? "" : number(d.maxAgeYears())));
        }
        if (d.maxSingleMg() != null) {
            parts.add("single ≤ " + number(d.maxSingleMg()) + " mg");
        }
        if (d.maxDailyMg() != null) {
            parts.add("daily ≤ " + number(d.maxDailyMg()) + " mg");
        }
        if (d.maxSingleMgPerKg() != null) {
            parts.add("single ≤ " + number(d.maxSingleMgPerKg()) + " mg/kg");
        }
        if (d.maxDailyMgPerKg() != null) {
            parts.add("daily ≤ " + number(d.maxDailyMgPerKg()) + " mg/kg");
        }
        if (d.maxWeeklyMg() != null) {
            parts.add("weekly ≤ " + number(d.maxWeeklyMg()) + " mg");
        }
        return String.join(", ", parts);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static String join(String... parts) {
        return java.util.Arrays.stream(parts).filter(p -> p != null && !p.isBlank())
                .collect(Collectors.joining(" · "));
    }
}
