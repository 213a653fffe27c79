package org.medsafety.knowledge;

import java.util.List;

/**
 * A clinical drug (RxNorm SCD/SBD): what an order code names. {@code ingredients} carry the strength per dose unit.
 */
public record Product(int rxcui, String name, List<Strength> ingredients, String doseForm, Source source) {

    public Product {
        ingredients = List.copyOf(ingredients);
    }
}
