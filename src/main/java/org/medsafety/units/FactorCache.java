package org.medsafety.units;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Conversion factors by unit pair, least recently used evicted first. Units come from callers, so the cache must
 * not grow with what they send; real traffic uses a few dozen pairs, far below the capacity.
 */
final class FactorCache {

    private final Map<String, Optional<Double>> factors;

    FactorCache(int capacity) {
        this.factors = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Optional<Double>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached factor (empty: not convertible), or null when this pair has not been worked out. */
    synchronized Optional<Double> get(String pair) {
        return factors.get(pair);
    }

    synchronized void put(String pair, Optional<Double> factor) {
        factors.put(pair, factor);
    }

    synchronized int size() {
        return factors.size();
    }
}
