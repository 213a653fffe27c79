package org.medsafety.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alert counts per group (rule, drug, user or day): fired, by indicator, accepted, overridden, override rate and the
 * most given override reasons. This is how pharmacists find the alerts clinicians ignore. Plain Java so the
 * arithmetic is tested on its own.
 */
final class AlertStatistics {

    /** One card as the statistics need it; {@code outcome} is its latest feedback (null: none). */
    record CardRow(String ruleId, String drugs, String userId, Instant time, String indicator, String outcome,
                   String reasonCode, String reasonDisplay) {
    }

    private static final class Group {
        long fired;
        final Map<String, Long> byIndicator = new TreeMap<>();
        long accepted;
        long overridden;
        final Map<String, Long> reasons = new HashMap<>();
        final Map<String, String> reasonDisplay = new HashMap<>();
    }

    private final String groupBy;
    private final Map<String, Group> groups = new TreeMap<>();

    AlertStatistics(String groupBy) {
        this.groupBy = groupBy;
    }

    void add(CardRow row) {
        for (String key : keys(row)) {
            Group g = groups.computeIfAbsent(key, k -> new Group());
            g.fired++;
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
            case "user" -> List.of(row.userId() == null ? "(unknown)" : row.userId());
            case "day" -> List.of(row.time().atOffset(ZoneOffset.UTC).toLocalDate().toString());
            case "drug" -> row.drugs() == null ? List.of("(none)") : List.of(row.drugs().split(","));
            default -> throw new IllegalArgumentException(groupBy);
        };
    }

    List<Map<String, Object>> result() {
        List<Map<String, Object>> out = new ArrayList<>();
        groups.forEach((key, g) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(groupBy, key);
            m.put("fired", g.fired);
            m.put("byIndicator", g.byIndicator);
            m.put("accepted", g.accepted);
            m.put("overridden", g.overridden);
            m.put("noFeedback", g.fired - g.accepted - g.overridden);
            m.put("overrideRate", g.fired == 0 ? 0.0 : Math.round(10_000.0 * g.overridden / g.fired) / 10_000.0);
            m.put("topOverrideReasons", g.reasons.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(3).map(e -> {
                        Map<String, Object> r = new LinkedHashMap<>();
                        r.put("code", e.getKey());
                        r.put("display", g.reasonDisplay.get(e.getKey()));
                        r.put("count", e.getValue());
                        return r;
                    }).toList());
            out.add(m);
        });
        out.sort(Comparator.comparing(m -> -((Long) m.get("fired"))));
        return out;
    }
}
