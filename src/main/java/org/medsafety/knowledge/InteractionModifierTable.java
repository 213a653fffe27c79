package org.medsafety.knowledge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads interaction-modifiers.csv and the condition value sets it uses (condition-value-sets.csv), both optional.
 * Every problem names file and line. A modifier may not touch an ONC row: the high-priority pairs are never lowered
 * or suppressed, and the non-interruptive ones never rise above info.
 */
final class InteractionModifierTable {

    static final String MODIFIERS = "interaction-modifiers.csv";
    static final String CONDITION_VALUE_SETS = "condition-value-sets.csv";
    /** Route words a pair-drug-route factor may name: the dose-limit routes and the ones only context needs. */
    static final Set<String> ROUTES = Set.of("oral", "sublingual", "intravenous", "intramuscular", "subcutaneous",
            "transdermal", "topical", "inhalation", "rectal", "ophthalmic", "nasal", "otic", "parenteral");
    /** For a co-medication: any route but the local ones (topical, ophthalmic, inhaled, nasal, otic). */
    static final String SYSTEMIC = "systemic";

    private final List<KnowledgeProblem> problems;
    /** The loader's own resolution of a drug reference (RxCUI, name or class:id), reporting unknown ones. */
    private final BiFunction<CsvTable.Row, String, Set<Integer>> drugReference;
    /** Whether the other tables loaded cleanly: if not, a modifier of a dropped interaction row is not a new problem. */
    private final boolean othersComplete;

    private InteractionModifierTable(List<KnowledgeProblem> problems,
                                     BiFunction<CsvTable.Row, String, Set<Integer>> drugReference) {
        this.problems = problems;
        this.drugReference = drugReference;
        this.othersComplete = problems.isEmpty();
    }

    static InteractionModifiers read(Map<String, byte[]> files, InteractionIndex interactions,
                                     BiFunction<CsvTable.Row, String, Set<Integer>> drugReference,
                                     List<KnowledgeProblem> problems) {
        InteractionModifierTable table = new InteractionModifierTable(problems, drugReference);
        Map<String, ConditionValueSet> valueSets = files.containsKey(CONDITION_VALUE_SETS)
                ? table.valueSets(CsvTable.read(CONDITION_VALUE_SETS, files.get(CONDITION_VALUE_SETS),
                List.of("value_set", "system", "code", "display", "source", "source_url"), problems)) : Map.of();
        if (!files.containsKey(MODIFIERS)) {
            return new InteractionModifiers(Map.of(), valueSets);
        }
        Map<String, Interaction> byId = new HashMap<>();
        interactions.all().forEach(i -> byId.put(i.id(), i));
        return new InteractionModifiers(table.modifiers(CsvTable.read(MODIFIERS, files.get(MODIFIERS),
                List.of("id", "interaction", "factor", "value", "route", "group", "effect", "severity", "note",
                        "source", "source_url"), problems), byId, valueSets), valueSets);
    }

    private Map<String, ConditionValueSet> valueSets(List<CsvTable.Row> rows) {
        Map<String, Set<String>> codes = new LinkedHashMap<>();
        Map<String, Set<String>> displays = new HashMap<>();
        Map<String, Source> sources = new HashMap<>();
        for (CsvTable.Row row : rows) {
            String id = required(row, "value_set");
            String system = required(row, "system");
            String code = required(row, "code");
            Source source = source(row);
            if (id == null || system == null || code == null || source == null) {
                continue;
            }
            if (!codes.computeIfAbsent(id, k -> new HashSet<>()).add(system + "|" + code)) {
                problem(row, "code " + code + " listed twice in value set '" + id + "'");
            }
            if (row.get("display") != null) {
                displays.computeIfAbsent(id, k -> new HashSet<>()).add(row.get("display").toLowerCase(Locale.ROOT));
            }
            sources.putIfAbsent(id, source);
        }
        Map<String, ConditionValueSet> result = new HashMap<>();
        codes.forEach((id, c) -> result.put(id, new ConditionValueSet(id, c, displays.getOrDefault(id, Set.of()),
                sources.get(id))));
        return result;
    }

    private Map<String, List<InteractionModifier>> modifiers(List<CsvTable.Row> rows, Map<String, Interaction> byId,
                                                             Map<String, ConditionValueSet> valueSets) {
        Map<String, List<InteractionModifier>> result = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        for (CsvTable.Row row : rows) {
            InteractionModifier m = modifier(row, byId, valueSets);
            if (m == null) {
                continue;
            }
            if (!ids.add(m.id())) {
                problem(row, "duplicate modifier id " + m.id());
                continue;
            }
            result.computeIfAbsent(m.interactionId(), k -> new ArrayList<>()).add(m);
        }
        result.replaceAll((k, v) -> List.copyOf(v));
        return result;
    }

    private InteractionModifier modifier(CsvTable.Row row, Map<String, Interaction> byId,
                                         Map<String, ConditionValueSet> valueSets) {
        String id = required(row, "id");
        String interactionId = required(row, "interaction");
        String value = required(row, "value");
        String note = required(row, "note");
        Source source = source(row);
        InteractionModifier.Factor factor = parse(row, "factor", InteractionModifier.Factor::parse,
                "min-age, condition, co-medication, pair-drug-route, min-scr or renal-function-at-most");
        InteractionModifier.Effect effect = parse(row, "effect",
                t -> InteractionModifier.Effect.valueOf(t.toUpperCase(Locale.ROOT)), "require, set, raise, lower or note");
        if (id == null || interactionId == null || value == null || note == null || source == null || factor == null
                || effect == null) {
            return null;
        }
        Interaction interaction = byId.get(interactionId);
        if (interaction == null) {
            if (othersComplete) {
                problem(row, "unknown interaction '" + interactionId + "' (not in " + KnowledgeLoader.INTERACTIONS + ")");
            }
            return null;
        }
        if (interaction.list() != InteractionList.NONE) {
            problem(row, interactionId + " is on an ONC list: its severity is fixed, so it takes no modifiers");
            return null;
        }
        Double number = null;
        Set<Integer> drugs = Set.of();
        if (factor.numeric()) {
            number = positive(row, value);
        } else if (factor == InteractionModifier.Factor.CONDITION && !valueSets.containsKey(value)) {
            problem(row, "unknown value set '" + value + "' (not in " + CONDITION_VALUE_SETS + ")");
            return null;
        } else if (factor.aboutDrugs()) {
            drugs = drugReference.apply(row, "value");
        }
        if ((factor.numeric() && number == null) || drugs == null) {
            return null;
        }
        Set<String> routes = routes(row, factor);
        String group = row.get("group");
        Severity severity = severity(row);
        if (routes == null || (row.get("severity") != null && severity == null)) {
            return null;
        }
        if ((effect == InteractionModifier.Effect.RAISE) != (group != null)) {
            problem(row, "a group is required for effect raise, and only for it");
            return null;
        }
        if ((effect == InteractionModifier.Effect.SET) != (severity != null)) {
            problem(row, "a severity is required for effect set, and only for it");
            return null;
        }
        return new InteractionModifier(id, interactionId, factor, value, number, drugs, routes, group, effect,
                severity, note, source);
    }

    private Set<String> routes(CsvTable.Row row, InteractionModifier.Factor factor) {
        String text = row.get("route");
        if (factor == InteractionModifier.Factor.PAIR_DRUG_ROUTE) {
            if (text == null) {
                problem(row, "a pair-drug-route factor needs route");
                return null;
            }
            Set<String> routes = new HashSet<>(Arrays.asList(text.split("\\|")));
            if (!ROUTES.containsAll(routes)) {
                problem(row, "route '" + text + "' is not |-separated words from " + new java.util.TreeSet<>(ROUTES));
                return null;
            }
            return routes;
        }
        if (text == null) {
            return Set.of();
        }
        if (factor == InteractionModifier.Factor.CO_MEDICATION && text.equals(SYSTEMIC)) {
            return Set.of(SYSTEMIC);
        }
        problem(row, "route '" + text + "' is only for pair-drug-route (or 'systemic' for a co-medication)");
        return null;
    }

    private <T> T parse(CsvTable.Row row, String column, java.util.function.Function<String, T> parser, String allowed) {
        String text = required(row, column);
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            problem(row, column + " '" + text + "' is not " + allowed);
            return null;
        }
    }

    private Severity severity(CsvTable.Row row) {
        String text = row.get("severity");
        if (text == null) {
            return null;
        }
        try {
            return Severity.parse(text);
        } catch (IllegalArgumentException e) {
            problem(row, "severity '" + text + "' is not one of contraindicated, major, moderate, minor");
            return null;
        }
    }

    private Double positive(CsvTable.Row row, String text) {
        try {
            double d = Double.parseDouble(text);
            if (Double.isFinite(d) && d > 0) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(row, "value '" + text + "' is not a positive number");
        return null;
    }

    private Source source(CsvTable.Row row) {
        if (row.get("source") == null) {
            problem(row, "row has no source");
            return null;
        }
        return new Source(row.get("source"), row.get("source_url"));
    }

    private String required(CsvTable.Row row, String column) {
        String value = row.get(column);
        if (value == null) {
            problem(row, "column " + column + " is empty");
        }
        return value;
    }

    private void problem(CsvTable.Row row, String message) {
        problems.add(new KnowledgeProblem(row.file(), row.line(), message));
    }
}
