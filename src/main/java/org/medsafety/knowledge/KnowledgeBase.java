package org.medsafety.knowledge;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The clinical knowledge one ruleset version was published with. Immutable and shared by every request that runs on
 * that version; lookups are hash-map reads, so rules can call them from DRL without cost.
 */
public final class KnowledgeBase {

    private final Map<Integer, Ingredient> ingredients;
    private final Map<String, DrugClass> classes;
    private final Map<Integer, Set<String>> classesOfIngredient;
    private final Map<Integer, Product> products;
    private final InteractionIndex interactions;
    private final CrossSensitivityIndex crossSensitivities;
    private final Map<Integer, List<DoseLimit>> doseLimits;
    private final Map<Integer, List<RenalLimit>> renalLimits;
    private final Map<Integer, List<DuplicateTherapy>> duplicatesByIngredient;
    private final List<OverrideReason> overrideReasons;
    private final LocalTuning tuning;
    private final Map<Integer, List<DoseReduction>> doseReductions;
    private final PregnancyTable pregnancy;
    private final InteractionModifiers interactionModifiers;
    private final VocabularyIndex vocabulary;
    private final Set<Integer> withKnowledge;

    KnowledgeBase(Map<Integer, Ingredient> ingredients, Map<String, DrugClass> classes,
                  Map<Integer, Set<String>> classesOfIngredient, Map<Integer, Product> products,
                  InteractionIndex interactions, CrossSensitivityIndex crossSensitivities,
                  Map<Integer, List<DoseLimit>> doseLimits, Map<Integer, List<RenalLimit>> renalLimits,
                  List<DuplicateTherapy> duplicates, List<OverrideReason> overrideReasons, LocalTuning tuning,
                  Map<Integer, List<DoseReduction>> doseReductions, PregnancyTable pregnancy,
                  InteractionModifiers interactionModifiers, VocabularyIndex vocabulary) {
        this.doseReductions = Map.copyOf(doseReductions);
        this.pregnancy = pregnancy;
        this.ingredients = Map.copyOf(ingredients);
        this.classes = Map.copyOf(classes);
        this.classesOfIngredient = Map.copyOf(classesOfIngredient);
        this.products = Map.copyOf(products);
        this.interactions = interactions;
        this.crossSensitivities = crossSensitivities;
        this.doseLimits = Map.copyOf(doseLimits);
        this.renalLimits = Map.copyOf(renalLimits);
        Map<Integer, List<DuplicateTherapy>> byIngredient = new java.util.HashMap<>();
        for (DuplicateTherapy d : duplicates) {
            for (int member : d.drugClass().members()) {
                byIngredient.computeIfAbsent(member, k -> new java.util.ArrayList<>()).add(d);
            }
        }
        byIngredient.replaceAll((k, v) -> List.copyOf(v));
        this.duplicatesByIngredient = Map.copyOf(byIngredient);
        this.overrideReasons = List.copyOf(overrideReasons);
        this.tuning = tuning;
        this.interactionModifiers = interactionModifiers;
        this.vocabulary = vocabulary;
        this.withKnowledge = withKnowledge();
    }

    /**
     * The ingredients some knowledge row speaks of: a table added to the knowledge base adds its ingredients here, or
     * orders for them are recorded as screened against no rows.
     */
    private Set<Integer> withKnowledge() {
        Set<Integer> ids = new java.util.HashSet<>(classesOfIngredient.keySet());
        interactions.forEachIngredient(ids::add);
        crossSensitivities.forEachIngredient(ids::add);
        ids.addAll(doseLimits.keySet());
        ids.addAll(renalLimits.keySet());
        ids.addAll(duplicatesByIngredient.keySet());
        ids.addAll(doseReductions.keySet());
        ids.addAll(pregnancy.ingredients());
        return Set.copyOf(ids);
    }

    /** The ingredient with this id: a row of ingredients.csv, else an RxNorm IN or PIN code; null when neither. */
    public Ingredient ingredient(int rxcui) {
        Ingredient known = ingredients.get(rxcui);
        return known != null ? known : vocabulary.ingredient(rxcui);
    }

    /** The rows of ingredients.csv (the vocabulary's ingredients are reached through {@link #vocabulary()}). */
    public Collection<Ingredient> ingredients() {
        return ingredients.values();
    }

    /** The RxNorm vocabulary shipped with this knowledge ({@link VocabularyIndex#NONE} when there is none). */
    public VocabularyIndex vocabulary() {
        return vocabulary;
    }

    /**
     * True when any knowledge row (interaction, class membership, dose or renal limit, allergy cross-sensitivity,
     * duplicate therapy) names the ingredient. An identified ingredient without rows is screened only for the same
     * ingredient ordered twice or recorded as an allergen, and the audit record says so.
     */
    public boolean hasKnowledge(int ingredient) {
        return withKnowledge.contains(ingredient);
    }

    public Product product(int rxcui) {
        return products.get(rxcui);
    }

    public DrugClass drugClass(String id) {
        return classes.get(id);
    }

    public Collection<DrugClass> classes() {
        return classes.values();
    }

    /** Class ids the ingredient belongs to (empty if none). */
    public Set<String> classesOf(int rxcui) {
        return classesOfIngredient.getOrDefault(rxcui, Set.of());
    }

    /** Interactions between two ingredients, in either direction; empty (never null) when none. */
    public List<Interaction> interactionsBetween(int a, int b) {
        return interactions.between(a, b);
    }

    public int interactionPairCount() {
        return interactions.pairCount();
    }

    /** Cross-sensitivity rows that make an allergy to {@code allergenRxcui} relevant to ordering {@code drugRxcui}. */
    public List<CrossSensitivity> crossSensitivities(int allergenRxcui, int drugRxcui) {
        return crossSensitivities.between(allergenRxcui, drugRxcui);
    }

    /** Cross-sensitivity rows for an allergy recorded as a whole class (e.g. "penicillins"). */
    public List<CrossSensitivity> classCrossSensitivities(String allergenClass, int drugRxcui) {
        return crossSensitivities.forClass(allergenClass, drugRxcui);
    }

    public List<DoseLimit> doseLimits(int rxcui) {
        return doseLimits.getOrDefault(rxcui, List.of());
    }

    public List<RenalLimit> renalLimits(int ingredient) {
        return renalLimits.getOrDefault(ingredient, List.of());
    }

    /** Duplicate-therapy classes that contain both (different) ingredients; empty when none. */
    public List<DuplicateTherapy> duplicateTherapiesOf(int a, int b) {
        List<DuplicateTherapy> ofA = duplicatesByIngredient.getOrDefault(a, List.of());
        if (ofA.isEmpty() || a == b) {
            return List.of();
        }
        List<DuplicateTherapy> shared = null;
        for (DuplicateTherapy d : ofA) {
            if (d.drugClass().members().contains(b)) {
                if (shared == null) {
                    shared = new java.util.ArrayList<>(1);
                }
                shared.add(d);
            }
        }
        return shared == null ? List.of() : shared;
    }

    /** This site's disabled rules and rows and lowered severities. */
    public LocalTuning tuning() {
        return tuning;
    }

    public List<OverrideReason> overrideReasons() {
        return overrideReasons;
    }

    /** Reduced doses the label ties to patient characteristics (dose-reduction-criteria.csv); empty when none. */
    public List<DoseReduction> doseReductions(int ingredient) {
        return doseReductions.getOrDefault(ingredient, List.of());
    }

    /** What labels say about this ingredient in pregnancy, most serious first; empty (never null) when nothing. */
    public List<PregnancyRow> pregnancyRows(int ingredient) {
        return pregnancy.rowsFor(ingredient);
    }

    /** Every pregnancy row, for statistics and documentation. */
    public List<PregnancyRow> pregnancyRows() {
        return pregnancy.all();
    }

    /** Every interaction row, curated and label-extracted (the console's knowledge pages list them). */
    public Collection<Interaction> interactionRows() {
        return interactions.all();
    }

    /** Every allergy cross-sensitivity row (the console's knowledge pages list them). */
    public Collection<CrossSensitivity> crossSensitivityRows() {
        return crossSensitivities.all();
    }

    /** Every dose limit row (the console's knowledge pages list them). */
    public List<DoseLimit> doseLimitRows() {
        return doseLimits.values().stream().flatMap(List::stream).toList();
    }

    /** Every renal limit row (the console's knowledge pages list them). */
    public List<RenalLimit> renalLimitRows() {
        return renalLimits.values().stream().flatMap(List::stream).toList();
    }

    private volatile KnowledgeRowCatalog rowCatalog;

    /** Every knowledge row by id with its title and source (built on first use: statistics, not screening, need it). */
    public KnowledgeRowCatalog rowCatalog() {
        KnowledgeRowCatalog catalog = rowCatalog;
        if (catalog == null) {
            catalog = KnowledgeRowCatalog.of(interactions.all(), interactions::isExtracted, crossSensitivities.all(),
                    doseLimits.values(), renalLimits.values(), duplicatesByIngredient.values(), doseReductions.values(),
                    pregnancy.all());
            rowCatalog = catalog;
        }
        return catalog;
    }

    private volatile Map<String, Integer> rowCounts;

    /**
     * Rows per knowledge file (the tables with row ids from the {@linkplain #rowCatalog() catalogue}, plus
     * ingredients, classes, products, override reasons and vocabulary concepts), in file-name order; for readiness.
     */
    public Map<String, Integer> rowCounts() {
        Map<String, Integer> counts = rowCounts;
        if (counts == null) {
            Map<String, Integer> byFile = new java.util.TreeMap<>();
            rowCatalog().entries().forEach(e -> byFile.merge(e.table(), 1, Integer::sum));
            byFile.put(KnowledgeLoader.INGREDIENTS, ingredients.size());
            byFile.put(KnowledgeLoader.CLASSES, classes.size());
            byFile.put(KnowledgeLoader.PRODUCTS, products.size());
            byFile.put(KnowledgeLoader.OVERRIDE_REASONS, overrideReasons.size());
            byFile.put(KnowledgeLoader.VOCABULARY, vocabulary.concepts().size());
            counts = java.util.Collections.unmodifiableMap(byFile);
            rowCounts = counts;
        }
        return counts;
    }

    /** Patient-context modifiers of the interaction rows (interaction-modifiers.csv); none when the file is absent. */
    public InteractionModifiers interactionModifiers() {
        return interactionModifiers;
    }
}
