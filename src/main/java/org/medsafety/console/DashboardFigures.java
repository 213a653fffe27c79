package org.medsafety.console;

import io.quarkus.qute.TemplateData;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the alert statistics (the same figures as {@code GET /audit/stats}) into what the dashboard draws: one row per
 * calendar day (UTC) of the window, days without alerts included as zeros so the charts do not join distant points,
 * and the knowledge rows clinicians override most.
 */
final class DashboardFigures {

    /** One day: alerts by indicator and the share of alerts overridden. */
    @TemplateData
    record Day(String day, long critical, long warning, long info, long fired, long overridden) {
        public String overrideRate() {
            return percent(overridden, fired);
        }
    }

    /** A knowledge row (interaction, dose, renal, allergy, duplicate or pregnancy row) and how it fares. */
    @TemplateData
    record OverriddenRow(String id, String check, String title, String source, long fired, long overridden) {
        public String overrideRate() {
            return percent(overridden, fired);
        }
    }

    private DashboardFigures() {
    }

    /** @param groups the {@code groupBy=day} statistics; days outside [from, to] are left out */
    static List<Day> days(List<Map<String, Object>> groups, LocalDate from, LocalDate to) {
        Map<String, Map<String, Object>> byDay = new HashMap<>();
        groups.forEach(g -> byDay.put(String.valueOf(g.get("day")), g));
        List<Day> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            Map<String, Object> g = byDay.get(d.toString());
            if (g == null) {
                days.add(new Day(d.toString(), 0, 0, 0, 0, 0));
                continue;
            }
            Map<?, ?> indicators = g.get("byIndicator") instanceof Map<?, ?> m ? m : Map.of();
            days.add(new Day(d.toString(), count(indicators.get("critical")), count(indicators.get("warning")),
                    count(indicators.get("info")), count(g.get("fired")), count(g.get("overridden"))));
        }
        return days;
    }

    /** The rows most overridden (then with most alerts), at most {@code limit}; rows never overridden left out. */
    static List<OverriddenRow> mostOverridden(List<Map<String, Object>> groups, int limit) {
        return groups.stream()
                .map(g -> new OverriddenRow(String.valueOf(g.get("knowledge")), text(g.get("check")),
                        text(g.get("title")), text(g.get("source")), count(g.get("fired")), count(g.get("overridden"))))
                .filter(r -> r.overridden() > 0)
                .sorted(Comparator.comparingLong(OverriddenRow::overridden).reversed()
                        .thenComparing(Comparator.comparingLong(OverriddenRow::fired).reversed())
                        .thenComparing(OverriddenRow::id))
                .limit(limit).toList();
    }

    /** The series the charts draw: x in seconds since the epoch (uPlot's unit), counts, override rate in percent. */
    static Map<String, Object> series(List<Day> days) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("x", days.stream()
                .map(d -> LocalDate.parse(d.day()).atStartOfDay(ZoneOffset.UTC).toEpochSecond()).toList());
        s.put("critical", days.stream().map(Day::critical).toList());
        s.put("warning", days.stream().map(Day::warning).toList());
        s.put("info", days.stream().map(Day::info).toList());
        s.put("overrideRate", days.stream().map(d -> d.fired() == 0 ? null
                : Math.round(1000.0 * d.overridden() / d.fired()) / 10.0).toList());
        return s;
    }

    static String percent(long part, long whole) {
        return whole == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }

    private static long count(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
