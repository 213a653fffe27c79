package org.medsafety.knowledge;

/**
 * How much of one ingredient a product holds: {@code amount unit} per {@code per} (e.g. 5 mg per tablet:
 * per = null; 1 mg per mL: per = "mL").
 */
public record Strength(int ingredientRxcui, double amount, String unit, String per) {
}
