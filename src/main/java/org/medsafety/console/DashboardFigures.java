package org.medsafety.console;

import io.quarkus.qute.TemplateData;

import org.medsafety.audit.AlertGroup;

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
    static List<Day> days(List<AlertGroup> groups, LocalDate from, LocalDate to) {
        Map<String, AlertGroup> byDay = new HashMap<>();
        groups.forEach(g -> byDay.put(g.day(), g));
        List<Day> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            AlertGroup g = byDay.get(d.toString());
            if (g == null) {
                days.add(new Day(d.toString(), 0, 0, 0, 0, 0));
                continue;
            }
            Map<String, Long> indicators = g.byIndicator() == null ? Map.of() : g.byIndicator();
            days.add(new Day(d.toString(), indicators.getOrDefault("critical", 0L),
                    indicators.getOrDefault("warning", 0L), indicators.getOrDefault("info", 0L), g.fired(),
                    g.overridden()));
        }
        return days;
    }

    /** The rows most overridden (then with most alerts), at most {@code limit}; rows never overridden left out. */
    static List<OverriddenRow> mostOverridden(List<AlertGroup> groups, int limit) {
        return groups.stream()
                .map(g -> new OverriddenRow(g.knowledge(), g.check(), g.title(), g.source(), g.fired(),
                        g.overridden()))
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
}
