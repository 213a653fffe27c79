package org.medsafety.knowledge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Allergy cross-sensitivity expanded to (allergen ingredient, ordered ingredient) and (allergen class, ordered
 * ingredient). Directed: an allergy to aztreonam's side chain says nothing about the reverse unless a row says so.
 */
final class CrossSensitivityIndex {

    private final Map<Long, List<CrossSensitivity>> byIngredients = new HashMap<>();
    private final Map<String, List<CrossSensitivity>> byClass = new HashMap<>();

    void add(int allergen, int drug, CrossSensitivity row) {
        List<CrossSensitivity> list = byIngredients.computeIfAbsent(((long) allergen << 32) | (drug & 0xffffffffL),
                k -> new ArrayList<>(1));
        if (!list.contains(row)) {
            list.add(row);
        }
    }

    void addClass(String allergenClass, int drug, CrossSensitivity row) {
        List<CrossSensitivity> list = byClass.computeIfAbsent(allergenClass + "|" + drug, k -> new ArrayList<>(1));
        if (!list.contains(row)) {
            list.add(row);
        }
    }

    /** Every distinct cross-sensitivity row. */
    java.util.Collection<CrossSensitivity> all() {
        java.util.Map<String, CrossSensitivity> distinct = new java.util.LinkedHashMap<>();
        byIngredients.values().forEach(list -> list.forEach(c -> distinct.putIfAbsent(c.id(), c)));
        byClass.values().forEach(list -> list.forEach(c -> distinct.putIfAbsent(c.id(), c)));
        return distinct.values();
    }

    /** Every ingredient named as an allergen or as the drug ordered. */
    void forEachIngredient(java.util.function.IntConsumer action) {
        for (long key : byIngredients.keySet()) {
            action.accept((int) (key >>> 32));
            action.accept((int) key);
        }
        for (String key : byClass.keySet()) {
            action.accept(Integer.parseInt(key.substring(key.lastIndexOf('|') + 1)));
        }
    }

    List<CrossSensitivity> between(int allergen, int drug) {
        return byIngredients.getOrDefault(((long) allergen << 32) | (drug & 0xffffffffL), List.of());
    }

    List<CrossSensitivity> forClass(String allergenClass, int drug) {
        return byClass.getOrDefault(allergenClass + "|" + drug, List.of());
    }
}
