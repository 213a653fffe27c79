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

/**
 * Reads and validates the knowledge tables (CSV files, one concept per file) into a {@link KnowledgeBase}.
 * Every problem found is reported with file and line; the caller refuses a knowledge base that has any.
 */
public final class KnowledgeLoader {

    public static final String INGREDIENTS = "ingredients.csv";
    public static final String CLASSES = "drug-classes.csv";
    public static final String CLASS_MEMBERS = "class-members.csv";
    public static final String PRODUCTS = "products.csv";
    public static final String INTERACTIONS = "interactions.csv";
    public static final String CROSS_SENSITIVITY = "allergy-cross-sensitivity.csv";
    public static final String DOSE_LIMITS = "dose-limits.csv";
    public static final String OVERRIDE_REASONS = "override-reasons.csv";
    /** Optional tables: absent means no rows. */
    public static final String RENAL_LIMITS = "renal-limits.csv";
    public static final String DUPLICATE_THERAPY = "duplicate-therapy.csv";
    public static final String LOCAL_TUNING = "local-tuning.csv";
    public static final String PREGNANCY = PregnancyTable.FILE;
    /** The RxNorm vocabulary, read by {@link VocabularyIndex}; optional. */
    public static final String VOCABULARY = VocabularyFile.NAME;
    /** Interactions mined from label text (optional), read by {@link LabelInteractionTable}. */
    public static final String LABEL_INTERACTIONS = LabelInteractionTable.FILE;

    /** The outcome: a knowledge base, or the problems that prevent one. */
    public record Result(KnowledgeBase knowledge, List<KnowledgeProblem> problems) {

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final List<KnowledgeProblem> problems = new ArrayList<>();
    private final Map<Integer, Ingredient> ingredients = new LinkedHashMap<>();
    private final Map<String, DrugClass> classes = new LinkedHashMap<>();
    private final Map<Integer, Set<String>> classesOfIngredient = new HashMap<>();
    private final Map<Integer, Product> products = new LinkedHashMap<>();
    private final Map<String, Ingredient> ingredientsByName = new HashMap<>();
    private VocabularyIndex vocabulary = VocabularyIndex.NONE;

    private KnowledgeLoader() {
    }

    /** @param files knowledge files by path relative to the knowledge-base folder */
    public static Result load(Map<String, byte[]> files) {
        return new KnowledgeLoader().run(files);
    }

    private Result run(Map<String, byte[]> files) {
        if (files.containsKey(VOCABULARY)) {
            vocabulary = VocabularyIndex.read(files.get(VOCABULARY), problems);
        }
        ingredients(rows(files, INGREDIENTS, "rxcui", "name", "synonyms", "source", "source_url"));
        vocabulary = vocabulary.identify(ingredients, problems);
        classes(rows(files, CLASSES, "class", "name", "source", "source_url"),
                rows(files, CLASS_MEMBERS, "class", "rxcui", "name", "source", "source_url"));
        products(rows(files, PRODUCTS, "rxcui", "name", "ingredient_rxcui", "strength", "unit", "per", "dose_form",
                "source", "source_url"));
        InteractionIndex interactions = interactions(rows(files, INTERACTIONS, "id", "title", "object", "precipitant",
                "severity", "mechanism", "clinical_effect", "management", "documentation", "source", "source_url"));
        CrossSensitivityIndex cross = crossSensitivities(rows(files, CROSS_SENSITIVITY, "id", "title", "allergen",
                "drug", "severity", "note", "source", "source_url"));
        Map<Integer, List<DoseLimit>> limits = doseLimits(rows(files, DOSE_LIMITS, "id", "rxcui", "name", "route",
                "min_age_years", "max_age_years", "max_single_mg", "max_daily_mg", "note", "source", "source_url"));
        TableRow cells = new TableRow(problems, this::ingredientRef);
        Map<Integer, List<RenalLimit>> renal = files.containsKey(RENAL_LIMITS)
                ? new RenalLimitTable(cells).read(rows(files, RENAL_LIMITS, RenalLimitTable.COLUMNS.toArray(String[]::new)))
                : Map.of();
        Map<Integer, List<DoseReduction>> reductions = files.containsKey(DoseReductionTable.FILE)
                ? new DoseReductionTable(cells).read(rows(files, DoseReductionTable.FILE,
                DoseReductionTable.COLUMNS.toArray(String[]::new))) : Map.of();
        List<DuplicateTherapy> duplicates = files.containsKey(DUPLICATE_THERAPY)
                ? duplicateTherapy(rows(files, DUPLICATE_THERAPY, "id", "class", "severity", "note", "source",
                "source_url")) : List.of();
        if (files.containsKey(LABEL_INTERACTIONS)) {
            // Without the vocabulary no order is identified as a drug only RxNorm knows: rows about one are left out.
            new LabelInteractionTable(this::members, vocabulary.isEmpty() ? ingredients::containsKey : rxcui -> true,
                    problems).addTo(interactions, rows(files, LABEL_INTERACTIONS,
                    LabelInteractionTable.COLUMNS.toArray(String[]::new)), duplicates);
        }
        PregnancyTable pregnancy = files.containsKey(PREGNANCY)
                ? PregnancyTable.read(rows(files, PREGNANCY, PregnancyTable.COLUMNS), this::members, problems)
                : PregnancyTable.EMPTY;
        List<OverrideReason> reasons = overrideReasons(rows(files, OVERRIDE_REASONS, "system", "code", "display",
                "source"));
        LocalTuning tuning = files.containsKey(LOCAL_TUNING)
                ? tuning(rows(files, LOCAL_TUNING, "target", "action", "severity", "reason", "author", "date", "source"),
                interactions, cross, limits, renal, duplicates, reductions, pregnancy) : LocalTuning.NONE;
        InteractionModifiers modifiers = InteractionModifierTable.read(files, interactions, this::members, problems);
        if (!problems.isEmpty()) {
            return new Result(null, List.copyOf(problems));
        }
        return new Result(new KnowledgeBase(ingredients, classes, classesOfIngredient, products, interactions, cross,
                limits, renal, duplicates, reasons, tuning, reductions, pregnancy, modifiers, vocabulary), List.of());
    }

    private List<CsvTable.Row> rows(Map<String, byte[]> files, String file, String... columns) {
        byte[] content = files.get(file);
        if (content == null) {
            problems.add(new KnowledgeProblem(file, 0, "file missing from knowledge-base/"));
            return List.of();
        }
        return CsvTable.read(file, content, Arrays.asList(columns), problems);
    }

    /**
     * RxCUI rows keep their RxCUI as id; a name-only row whose name (or a synonym) the RxNorm vocabulary gives takes
     * that ingredient's RxCUI, so that its knowledge meets orders coded by RxCUI; other name-only rows get -1, -2, …
     * in file order.
     */
    private void ingredients(List<CsvTable.Row> rows) {
        int nextNameOnlyId = -1;
        for (CsvTable.Row row : rows) {
            String name = required(row, "name");
            Source source = source(row);
            Integer rxcui = row.get("rxcui") == null ? null : rxcui(row, "rxcui");
            if (name == null || source == null || (row.get("rxcui") != null && rxcui == null)) {
                continue;
            }
            List<String> synonyms = row.get("synonyms") == null ? List.of()
                    : Arrays.stream(row.get("synonyms").split("\\|")).map(String::trim).filter(x -> !x.isEmpty()).toList();
            Integer named = rxcui != null ? null : vocabularyRxcui(name, synonyms);
            int id = rxcui != null ? rxcui : named != null ? named : nextNameOnlyId--;
            Ingredient ingredient = new Ingredient(id, name, synonyms, source);
            if (ingredients.containsKey(id)) {
                problem(row, (named != null ? "'" + name + "' is RxNorm ingredient " + id + ", already listed as '"
                        : "duplicate ingredient RxCUI " + id + ", already listed as '") + ingredients.get(id).name()
                        + "': merge the rows");
                continue;
            }
            if (ingredientsByName.putIfAbsent(name.toLowerCase(Locale.ROOT), ingredient) != null) {
                problem(row, "duplicate ingredient name '" + name + "'");
                continue;
            }
            ingredients.put(id, ingredient);
        }
    }

    private Integer vocabularyRxcui(String name, List<String> synonyms) {
        Integer rxcui = vocabulary.rxcuiNamed(name);
        for (int i = 0; rxcui == null && i < synonyms.size(); i++) {
            rxcui = vocabulary.rxcuiNamed(synonyms.get(i));
        }
        return rxcui;
    }

    private void classes(List<CsvTable.Row> classRows, List<CsvTable.Row> memberRows) {
        Map<String, Source> sources = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        for (CsvTable.Row row : classRows) {
            String id = required(row, "class");
            String name = required(row, "name");
            Source source = source(row);
            if (id == null || name == null || source == null) {
                continue;
            }
            if (sources.putIfAbsent(id, source) != null) {
                problem(row, "duplicate class '" + id + "'");
            }
            names.put(id, name);
        }
        Map<String, Set<Integer>> members = new HashMap<>();
        for (CsvTable.Row row : memberRows) {
            String id = required(row, "class");
            Integer rxcui = row.get("rxcui") != null ? ingredientRef(row, "rxcui") : ingredientRef(row, "name");
            Source source = source(row);
            if (id == null || rxcui == null || source == null) {
                continue;
            }
            if (!sources.containsKey(id)) {
                problem(row, "unknown class '" + id + "' (not in " + CLASSES + ")");
                continue;
            }
            if (!members.computeIfAbsent(id, k -> new HashSet<>()).add(rxcui)) {
                problem(row, "ingredient " + rxcui + " listed twice in class '" + id + "'");
            }
            classesOfIngredient.computeIfAbsent(rxcui, k -> new HashSet<>()).add(id);
        }
        sources.forEach((id, source) -> classes.put(id,
                new DrugClass(id, names.get(id), members.getOrDefault(id, Set.of()), source)));
        classesOfIngredient.replaceAll((k, v) -> Set.copyOf(v));
    }

    private void products(List<CsvTable.Row> rows) {
        Map<Integer, List<Strength>> strengths = new LinkedHashMap<>();
        Map<Integer, CsvTable.Row> first = new HashMap<>();
        for (CsvTable.Row row : rows) {
            Integer rxcui = rxcui(row, "rxcui");
            Integer ingredient = ingredientRef(row, "ingredient_rxcui");
            Double amount = positive(row, "strength");
            String unit = required(row, "unit");
            if (rxcui == null || ingredient == null || amount == null || unit == null || source(row) == null) {
                continue;
            }
            CsvTable.Row earlier = first.putIfAbsent(rxcui, row);
            if (earlier != null && !earlier.get("name").equals(row.get("name"))) {
                problem(row, "product " + rxcui + " has two names");
            }
            strengths.computeIfAbsent(rxcui, k -> new ArrayList<>()).add(new Strength(ingredient, amount, unit, row.get("per")));
        }
        strengths.forEach((rxcui, list) -> {
            CsvTable.Row row = first.get(rxcui);
            products.put(rxcui, new Product(rxcui, row.get("name"), list, row.get("dose_form"), source(row)));
        });
    }

    private InteractionIndex interactions(List<CsvTable.Row> rows) {
        InteractionIndex index = new InteractionIndex();
        Set<String> ids = new HashSet<>();
        for (CsvTable.Row row : rows) {
            String id = required(row, "id");
            Severity severity = severity(row);
            Source source = source(row);
            Set<Integer> objects = members(row, "object");
            Set<Integer> precipitants = members(row, "precipitant");
            InteractionList list = list(row);
            Double cap = optionalPositive(row, "object_max_daily_mg");
            if (id == null || severity == null || source == null || objects == null || precipitants == null
                    || list == null) {
                continue;
            }
            if (!ids.add(id)) {
                problem(row, "duplicate interaction id " + id);
                continue;
            }
            if (list == InteractionList.ONC_HIGH_PRIORITY && severity != Severity.CONTRAINDICATED) {
                problem(row, "an onc-high-priority interaction must be contraindicated");
                continue;
            }
            if (list == InteractionList.ONC_NON_INTERRUPTIVE && severity != Severity.MINOR) {
                problem(row, "an onc-non-interruptive interaction must be minor (it is never shown above info)");
                continue;
            }
            Interaction interaction = new Interaction(id, required(row, "title"), row.get("object"),
                    row.get("precipitant"), severity, list, cap, row.get("mechanism"), row.get("clinical_effect"),
                    required(row, "management"), row.get("documentation"), source, objects);
            for (int a : objects) {
                for (int b : precipitants) {
                    if (a != b) {
                        index.add(a, b, interaction);
                    }
                }
            }
        }
        return index;
    }

    /** The list column, or the legacy onc_high_priority=yes column. */
    private InteractionList list(CsvTable.Row row) {
        if (row.get("list") == null) {
            return "yes".equalsIgnoreCase(row.get("onc_high_priority")) ? InteractionList.ONC_HIGH_PRIORITY
                    : InteractionList.NONE;
        }
        try {
            return InteractionList.parse(row.get("list"));
        } catch (IllegalArgumentException e) {
            problem(row, "list '" + row.get("list") + "' is not onc-high-priority, onc-non-interruptive or empty");
            return null;
        }
    }

    private CrossSensitivityIndex crossSensitivities(List<CsvTable.Row> rows) {
        CrossSensitivityIndex index = new CrossSensitivityIndex();
        Set<String> ids = new HashSet<>();
        for (CsvTable.Row row : rows) {
            String id = required(row, "id");
            Severity severity = severity(row);
            Source source = source(row);
            Set<Integer> allergens = members(row, "allergen");
            Set<Integer> drugs = members(row, "drug");
            if (id == null || severity == null || source == null || allergens == null || drugs == null) {
                continue;
            }
            if (!ids.add(id)) {
                problem(row, "duplicate cross-sensitivity id " + id);
                continue;
            }
            CrossSensitivity cs = new CrossSensitivity(id, required(row, "title"), row.get("allergen"), row.get("drug"),
                    severity, row.get("note"), source);
            String allergen = row.get("allergen");
            for (int drug : drugs) {
                for (int a : allergens) {
                    index.add(a, drug, cs);
                }
                if (allergen.startsWith("class:")) {
                    index.addClass(allergen.substring(6), drug, cs);
                }
            }
        }
        return index;
    }

    private Map<Integer, List<DoseLimit>> doseLimits(List<CsvTable.Row> rows) {
        Map<Integer, List<DoseLimit>> limits = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (CsvTable.Row row : rows) {
            String id = required(row, "id");
            Integer ingredient = row.get("rxcui") != null ? ingredientRef(row, "rxcui") : ingredientRef(row, "name");
            Source source = source(row);
            Double single = optionalPositive(row, "max_single_mg");
            Double daily = optionalPositive(row, "max_daily_mg");
            Double singlePerKg = optionalPositive(row, "max_single_mg_per_kg");
            Double dailyPerKg = optionalPositive(row, "max_daily_mg_per_kg");
            Double weekly = optionalPositive(row, "max_weekly_mg");
            boolean weeklyOnly = "yes".equalsIgnoreCase(row.get("weekly_only"));
            Double minAge = optionalNonNegative(row, "min_age_years");
            Double maxAge = optionalNonNegative(row, "max_age_years");
            String route = route(row);
            if (id == null || ingredient == null || source == null) {
                continue;
            }
            if (!ids.add(id)) {
                problem(row, "duplicate dose limit id " + id);
                continue;
            }
            if (single == null && daily == null && singlePerKg == null && dailyPerKg == null && weekly == null
                    && !weeklyOnly) {
                problem(row, "a dose limit needs a maximum (max_single_mg, max_daily_mg, a per-kg maximum, "
                        + "max_weekly_mg) or weekly_only");
                continue;
            }
            if (single != null && daily != null && single > daily) {
                problem(row, "max_single_mg " + single + " is above max_daily_mg " + daily);
                continue;
            }
            if (singlePerKg != null && dailyPerKg != null && singlePerKg > dailyPerKg) {
                problem(row, "max_single_mg_per_kg is above max_daily_mg_per_kg");
                continue;
            }
            if (minAge != null && maxAge != null && minAge > maxAge) {
                problem(row, "min_age_years is above max_age_years");
                continue;
            }
            limits.computeIfAbsent(ingredient, k -> new ArrayList<>()).add(new DoseLimit(id, ingredient, route,
                    minAge, maxAge, single, daily, singlePerKg, dailyPerKg, weekly, weeklyOnly, row.get("note"),
                    source));
        }
        limits.replaceAll((k, v) -> List.copyOf(v));
        return limits;
    }

    private static final Set<String> ROUTES = TableRow.ROUTES;

    private String route(CsvTable.Row row) {
        String route = row.get("route");
        if (route != null && !ROUTES.contains(route)) {
            problem(row, "route '" + route + "' is not one of " + String.join(", ", new java.util.TreeSet<>(ROUTES)));
            return null;
        }
        return route;
    }

    private List<DuplicateTherapy> duplicateTherapy(List<CsvTable.Row> rows) {
        List<DuplicateTherapy> result = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (CsvTable.Row row : rows) {
            String id = required(row, "id");
            String classId = required(row, "class");
            Severity severity = severity(row);
            Source source = source(row);
            if (id == null || classId == null || severity == null || source == null) {
                continue;
            }
            DrugClass drugClass = classes.get(classId.startsWith("class:") ? classId.substring(6) : classId);
            if (drugClass == null) {
                problem(row, "unknown class '" + classId + "' (not in " + CLASSES + ")");
                continue;
            }
            if (!ids.add(id)) {
                problem(row, "duplicate duplicate-therapy id " + id);
                continue;
            }
            result.add(new DuplicateTherapy(id, drugClass, severity, row.get("note"), source));
        }
        return result;
    }

    /**
     * Local tuning rows name a knowledge row (or a rule: checked by the compiler, which knows the rules). A lowered
     * severity must be lower than the row's own; ONC high-priority interactions cannot be tuned at all.
     */
    private LocalTuning tuning(List<CsvTable.Row> rows, InteractionIndex interactions, CrossSensitivityIndex cross,
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
        limits.values().forEach(l -> l.forEach(d -> rowSeverity.put(d.id(), Severity.MAJOR)));
        renal.values().forEach(l -> l.forEach(r -> rowSeverity.put(r.id(), r.severity())));
        duplicates.forEach(d -> rowSeverity.put(d.id(), d.severity()));
        reductions.values().forEach(l -> l.forEach(r -> rowSeverity.put(r.id(), r.severity())));
        pregnancy.all().forEach(p -> rowSeverity.put(p.id(), p.severity()));
        Map<String, LocalTuning.Entry> entries = new java.util.LinkedHashMap<>();
        for (CsvTable.Row row : rows) {
            String target = required(row, "target");
            String action = required(row, "action");
            String reason = required(row, "reason");
            String author = required(row, "author");
            if (target == null || action == null || reason == null || author == null || source(row) == null) {
                continue;
            }
            if (onc.contains(target)) {
                problem(row, target + " is an ONC high-priority interaction: it cannot be disabled or lowered");
                continue;
            }
            boolean isRule = !rowSeverity.containsKey(target);
            Severity lowered = null;
            if (action.equals("lower")) {
                lowered = severity(row);
                if (lowered == null) {
                    continue;
                }
                if (isRule) {
                    problem(row, "only a knowledge row's severity can be lowered, not a rule's: '" + target + "'");
                    continue;
                }
                if (lowered.ordinal() <= rowSeverity.get(target).ordinal()) {
                    problem(row, "severity " + lowered.label() + " is not lower than " + target + "'s "
                            + rowSeverity.get(target).label());
                    continue;
                }
            } else if (!action.equals("disable")) {
                problem(row, "action '" + action + "' is not disable or lower");
                continue;
            }
            if (entries.putIfAbsent(target, new LocalTuning.Entry(target, !isRule, lowered == null, lowered, reason, author,
                    row.get("date"))) != null) {
                problem(row, "target " + target + " is tuned twice");
            }
        }
        return new LocalTuning(entries);
    }

    private List<OverrideReason> overrideReasons(List<CsvTable.Row> rows) {
        List<OverrideReason> reasons = new ArrayList<>();
        for (CsvTable.Row row : rows) {
            String system = required(row, "system");
            String code = required(row, "code");
            String display = required(row, "display");
            if (required(row, "source") != null && system != null && code != null && display != null) {
                reasons.add(new OverrideReason(system, code, display));
            }
        }
        return reasons;
    }

    /** Ingredients named by an RxCUI or by "class:&lt;id&gt;"; null (with a problem) when unknown. */
    private Set<Integer> members(CsvTable.Row row, String column) {
        String value = required(row, column);
        if (value == null) {
            return null;
        }
        if (value.startsWith("class:")) {
            DrugClass drugClass = classes.get(value.substring(6));
            if (drugClass == null) {
                problem(row, "unknown class '" + value.substring(6) + "' in column " + column);
                return null;
            }
            if (drugClass.members().isEmpty()) {
                problem(row, "class '" + drugClass.id() + "' has no members");
                return null;
            }
            return drugClass.members();
        }
        Integer ingredient = ingredientRef(row, column);
        return ingredient == null ? null : Set.of(ingredient);
    }

    /**
     * An ingredient named by its RxCUI or by its name, in ingredients.csv or else in the RxNorm vocabulary (a PIN
     * stands for its ingredient); null (with a problem) when unknown.
     */
    private Integer ingredientRef(CsvTable.Row row, String column) {
        String value = required(row, column);
        if (value == null) {
            return null;
        }
        if (!value.chars().allMatch(Character::isDigit)) {
            Ingredient byName = ingredientsByName.get(value.toLowerCase(Locale.ROOT));
            byName = byName != null ? byName : vocabulary.ingredientNamed(value);
            if (byName == null) {
                problem(row, "'" + value + "' in column " + column + " is not an RxCUI, a class:<id>, or an "
                        + "ingredient name in " + INGREDIENTS + " or the RxNorm vocabulary");
                return null;
            }
            return byName.id();
        }
        Integer rxcui = rxcui(row, column);
        if (rxcui != null && !ingredients.containsKey(rxcui)) {
            Ingredient inVocabulary = vocabulary.ingredient(rxcui);
            if (inVocabulary == null) {
                problem(row, "RxCUI " + rxcui + " in column " + column + " is not in " + INGREDIENTS
                        + " or the RxNorm vocabulary (IN or PIN)");
                return null;
            }
            return inVocabulary.id();
        }
        return rxcui;
    }

    private Integer rxcui(CsvTable.Row row, String column) {
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

    private Severity severity(CsvTable.Row row) {
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

    private Source source(CsvTable.Row row) {
        String citation = row.get("source");
        if (citation == null) {
            problem(row, "row has no source");
            return null;
        }
        return new Source(citation, row.get("source_url"));
    }

    private Double positive(CsvTable.Row row, String column) {
        Double value = optionalPositive(row, column);
        if (value == null && row.get(column) == null) {
            problem(row, "column " + column + " is empty");
        }
        return value;
    }

    private Double optionalPositive(CsvTable.Row row, String column) {
        Double value = number(row, column);
        if (value != null && value <= 0) {
            problem(row, column + " must be above zero, not " + row.get(column));
            return null;
        }
        return value;
    }

    private Double optionalNonNegative(CsvTable.Row row, String column) {
        Double value = number(row, column);
        if (value != null && value < 0) {
            problem(row, column + " must not be negative");
            return null;
        }
        return value;
    }

    private Double number(CsvTable.Row row, String column) {
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
