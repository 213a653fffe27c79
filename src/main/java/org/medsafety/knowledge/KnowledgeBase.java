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
    private final List<OverrideReason> overrideReasons;

    KnowledgeBase(Map<Integer, Ingredient> ingredients, Map<String, DrugClass> classes,
                  Map<Integer, Set<String>> classesOfIngredient, Map<Integer, Product> products,
                  InteractionIndex interactions, CrossSensitivityIndex crossSensitivities,
                  Map<Integer, List<DoseLimit>> doseLimits, List<OverrideReason> overrideReasons) {
        this.ingredients = Map.copyOf(ingredients);
        this.classes = Map.copyOf(classes);
        this.classesOfIngredient = Map.copyOf(classesOfIngredient);
        this.products = Map.copyOf(products);
        this.interactions = interactions;
        this.crossSensitivities = crossSensitivities;
        this.doseLimits = Map.copyOf(doseLimits);
        this.overrideReasons = List.copyOf(overrideReasons);
    }

    public Ingredient ingredient(int rxcui) {
        return ingredients.get(rxcui);
    }

    public Collection<Ingredient> ingredients() {
        return ingredients.values();
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

    public List<OverrideReason> overrideReasons() {
        return overrideReasons;
    }
}
