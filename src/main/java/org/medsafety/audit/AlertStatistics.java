package org.medsafety.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alert counts per group (rule, knowledge row, drug, user or day): fired, by indicator, accepted, overridden, override rate and the
 * most given override reasons. This is how pharmacists find the alerts clinicians ignore. Plain Java so the
 * arithmetic is tested on its own.
 */
final class AlertStatistics {

    /** One card as the statistics need it; {@code outcome} is its latest feedback (null: none). */
    record CardRow(String ruleId, String drugs, String userId, Instant time, String indicator, String outcome,
                   String reasonCode, String reasonDisplay, String knowledgeId, String check) {
    }

    /** The group of cards that no knowledge row decided (not-screened and not-checked notices, same-ingredient cards). */
    static final String NO_KNOWLEDGE_ROW = "(none)";

    /** What a knowledge row is (its table, title and source), or null for a row the active knowledge base lacks. */
    interface RowDescriptions {
        org.medsafety.knowledge.KnowledgeRowCatalog.Entry describe(String knowledgeId);
    }

    private static final class Group {
        long fired;
        final Map<String, Long> byIndicator = new TreeMap<>();
        long accepted;
        long overridden;
        final Map<String, Long> reasons = new HashMap<>();
        final Map<String, String> reasonDisplay = new HashMap<>();
        /** groupBy=knowledge: the check and the rules that reported this row. */
        String check;
        final java.util.Set<String> rules = new java.util.TreeSet<>();
    }

    private final String groupBy;
    private final Map<String, Group> groups = new TreeMap<>();
    private final RowDescriptions rows;

    AlertStatistics(String groupBy) {
        this(groupBy, id -> null);
    }

    /** @param rows for groupBy=knowledge: what each row is, from the active knowledge base */
    AlertStatistics(String groupBy, RowDescriptions rows) {
        this.groupBy = groupBy;
        this.rows = rows;
    }

    void add(CardRow row) {
        for (String key : keys(row)) {
            Group g = groups.computeIfAbsent(key, k -> new Group());
            g.fired++;
            if (g.check == null) {
                g.check = row.check();
            }
            g.rules.add(row.ruleId());
            g.byIndicator.merge(row.indicator(), 1L, Long::sum);
            if ("accepted".equals(row.outcome())) {
                g.accepted++;
            } else if ("overridden".equals(row.outcome())) {
                g.overridden++;
                if (row.reasonCode() != null) {
                    g.reasons.merge(row.reasonCode(), 1L, Long::sum);
                    if (row.reasonDisplay() != null) {
                        g.reasonDisplay.putIfAbsent(row.reasonCode(), row.reasonDisplay());
                    }
                }
            }
        }
    }

    private List<String> keys(CardRow row) {
        return switch (groupBy) {
            case "rule" -> List.of(row.ruleId());
            case "knowledge" -> List.of(row.knowledgeId() == null ? NO_KNOWLEDGE_ROW : row.knowledgeId());
            case "user" -> List.of(row.userId() == null ? "(unknown)" : row.userId());
            case "day" -> List.of(row.time().atOffset(ZoneOffset.UTC).toLocalDate().toString());
            case "drug" -> row.drugs() == null ? List.of("(none)") : List.of(row.drugs().split(","));
            default -> throw new IllegalArgumentException(groupBy);
        };
    }

    /** The groups, most fired first. */
    List<AlertGroup> result() {
        List<AlertGroup> out = new ArrayList<>();
        groups.forEach((key, g) -> out.add(group(key, g)));
        out.sort(Comparator.comparingLong(AlertGroup::fired).reversed());
        return out;
    }

    /**
     * The group under its key; grouped by knowledge row, also the row's check, the rules that reported it, and, when
     * the active knowledge base has it, its table, title and source.
     */
    private AlertGroup group(String key, Group g) {
        boolean byRow = groupBy.equals("knowledge");
        var entry = !byRow || key.equals(NO_KNOWLEDGE_ROW) ? null : rows.describe(key);
        List<AlertGroup.OverrideReasonCount> reasons = g.reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(3).map(e -> new AlertGroup.OverrideReasonCount(e.getKey(), g.reasonDisplay.get(e.getKey()),
                        e.getValue())).toList();
        return new AlertGroup(keyed("rule", key), keyed("knowledge", key), keyed("drug", key), keyed("user", key),
                keyed("day", key), byRow ? g.check : null, byRow ? List.copyOf(g.rules) : null,
                byRow ? entry != null : null, entry == null ? null : entry.table(),
                entry == null ? null : entry.title(), entry == null ? null : entry.source(), g.fired,
                g.byIndicator, g.accepted, g.overridden, g.fired - g.accepted - g.overridden,
                g.fired == 0 ? 0.0 : Math.round(10_000.0 * g.overridden / g.fired) / 10_000.0, reasons);
    }

    private String keyed(String name, String key) {
        return groupBy.equals(name) ? key : null;
    }
}
