package org.medsafety.medication;

import org.medsafety.knowledge.Ingredient;
import org.medsafety.knowledge.Strength;

/** One ingredient of an identified medication, with its strength when the product or the name states it. */
public record ResolvedIngredient(Ingredient ingredient, Strength strength) {
}
