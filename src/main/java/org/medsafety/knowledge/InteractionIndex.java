package org.medsafety.knowledge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interactions expanded from class level to ingredient pairs at load time, keyed by the unordered pair, so that a
 * lookup during evaluation is one hash read whatever the size of the knowledge base (100,000 pairs and more).
 */
final class InteractionIndex {

    private final Map<Long, List<Interaction>> byPair = new HashMap<>();

    void add(int a, int b, Interaction interaction) {
        List<Interaction> list = byPair.computeIfAbsent(key(a, b), k -> new ArrayList<>(1));
        if (!list.contains(interaction)) {
            list.add(interaction);
        }
    }

    List<Interaction> between(int a, int b) {
        return byPair.getOrDefault(key(a, b), List.of());
    }

    /** Every distinct interaction row. */
    java.util.Collection<Interaction> all() {
        java.util.Map<String, Interaction> distinct = new java.util.LinkedHashMap<>();
        byPair.values().forEach(list -> list.forEach(i -> distinct.putIfAbsent(i.id(), i)));
        return distinct.values();
    }

    /** Every ingredient that is one side of a pair. */
    void forEachIngredient(java.util.function.IntConsumer action) {
        for (long key : byPair.keySet()) {
            action.accept((int) (key >>> 32));
            action.accept((int) key);
        }
    }

    int pairCount() {
        return byPair.size();
    }

    static long key(int a, int b) {
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        return ((long) lo << 32) | (hi & 0xffffffffL);
    }
}
