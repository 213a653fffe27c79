package org.medsafety.knowledge;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads local-tuning.csv (optional): this site's disabled or lowered alerts, each with its reason and author. A row
 * names a knowledge row, or a rule (checked by the compiler, which knows the rules). A lowered severity must be lower
 * than the row's own; ONC high-priority interactions cannot be tuned at all.
 */
final class LocalTuningTable {

    static final String FILE = "local-tuning.csv";
    static final List<String> COLUMNS = List.of("target", "action", "severity", "reason", "author", "date", "source");

    /** What a tuning row may name: every knowledge row's severity, and the interactions that cannot be tuned. */
    record Targets(Map<String, Severity> severities, Set<String> oncHighPriority) {

        /** In table order: an id found in two tables takes the later table's severity. */
        static Targets of(InteractionIndex interactions, CrossSensitivityIndex cross,
                          Map<Integer, List<DoseLimit>> limits, Map<Integer, List<RenalLimit>> renal,
                          List<DuplicateTherapy> duplicates, Map<Integer, List<DoseReduction>> reductions,
                          PregnancyTable pregnancy) {
            Map<String, Severity> rowSeverity = new HashMap<>();
            Set<String> onc = new HashSet<>();
            interactions.all().forEach(i -> {
                rowSeverity.put(i.id(), i.severity());
                if (i.isOncHighPriority()) {
                    onc.add(i.id());
                }
            });
            cross.all().forEach(c -> rowSeverity.put(c.id(), c.severity()));
            // Dose cards are major (Findings), so a dose limit is tuned as a major row.
            limits.values().forEach(l -> l.forEach(d -> rowSeverity.put(d.id(), Severity.MAJOR)));
            renal.values().forEach(l -> l.forEach(r -> rowSeverity.put(r.id(), r.severity())));
            duplicates.forEach(d -> rowSeverity.put(d.id(), d.severity()));
            reductions.values().forEach(l -> l.forEach(r -> rowSeverity.put(r.id(), r.severity())));
            pregnancy.all().forEach(p -> rowSeverity.put(p.id(), p.severity()));
            return new Targets(rowSeverity, onc);
        }
    }

    private final TableRow cells;

    LocalTuningTable(TableRow cells) {
        this.cells = cells;
    }

    LocalTuning read(List<CsvTable.Row> rows, Targets targets) {
        Map<String, Severity> rowSeverity = targets.severities();
        Map<String, LocalTuning.Entry> entries = new LinkedHashMap<>();
        for (CsvTable.Row row : rows) {
            String target = cells.required(row, "target");
            String action = cells.required(row, "action");
            String reason = cells.required(row, "reason");
            String author = cells.required(row, "author");
            if (target == null || action == null || reason == null || author == null || cells.source(row) == null) {
                continue;
            }
            if (targets.oncHighPriority().contains(target)) {
                cells.problem(row, target + " is an ONC high-priority interaction: it cannot be disabled or lowered");
                continue;
            }
            boolean isRule = !rowSeverity.containsKey(target);
            Severity lowered = null;
            if (action.equals("lower")) {
                lowered = cells.severity(row);
                if (lowered == null) {
                    continue;
                }
                if (isRule) {
                    cells.problem(row, "only a knowledge row's severity can be lowered, not a rule's: '" + target + "'");
                    continue;
                }
                if (lowered.ordinal() <= rowSeverity.get(target).ordinal()) {
                    cells.problem(row, "severity " + lowered.label() + " is not lower than " + target + "'s "
                            + rowSeverity.get(target).label());
                    continue;
                }
            } else if (!action.equals("disable")) {
                cells.problem(row, "action '" + action + "' is not disable or lower");
                continue;
            }
            if (entries.putIfAbsent(target, new LocalTuning.Entry(target, !isRule, lowered == null, lowered, reason,
                    author, row.get("date"))) != null) {
                cells.problem(row, "target " + target + " is tuned twice");
            }
        }
        return new LocalTuning(entries);
    }
}
