package org.medsafety.knowledge;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How a knowledge row names drugs: an ingredient by RxCUI or by name, found in ingredients.csv or else in the RxNorm
 * vocabulary (a PIN stands for its ingredient), or a whole class ("class:nsaids"). An unknown reference is a problem
 * naming the row, and null.
 */
final class DrugReferences {

    private final TableRow cells;
    private final Map<Integer, Ingredient> ingredients;
    private final Map<String, Ingredient> byName;
    private final VocabularyIndex vocabulary;
    private final Map<String, DrugClass> classes;

    /** @param vocabulary the vocabulary once it knows ingredients.csv's identities */
    DrugReferences(TableRow cells, Map<Integer, Ingredient> ingredients, VocabularyIndex vocabulary) {
        this(cells, ingredients, vocabulary, Map.of());
    }

    private DrugReferences(TableRow cells, Map<Integer, Ingredient> ingredients, VocabularyIndex vocabulary,
                           Map<String, DrugClass> classes) {
        this.cells = cells;
        this.ingredients = ingredients;
        this.vocabulary = vocabulary;
        this.classes = classes;
        // Names are unique in ingredients.csv (the table refuses a second row with a name), so this loses none.
        this.byName = new HashMap<>();
        ingredients.values().forEach(i -> byName.put(i.name().toLowerCase(Locale.ROOT), i));
    }

    /** The same references, with "class:&lt;id&gt;" now meaning these classes (read after the ingredients). */
    DrugReferences withClasses(Map<String, DrugClass> classes) {
        return new DrugReferences(cells, ingredients, vocabulary, classes);
    }

    /** The ingredient a row names by {@code rxcui}, or by {@code name} when it has no RxCUI. */
    Integer ingredient(CsvTable.Row row) {
        return ingredient(row, row.get("rxcui") != null ? "rxcui" : "name");
    }

    /** An ingredient named by its RxCUI or by its name, in ingredients.csv or else in the RxNorm vocabulary. */
    Integer ingredient(CsvTable.Row row, String column) {
        String value = cells.required(row, column);
        if (value == null) {
            return null;
        }
        if (!value.chars().allMatch(Character::isDigit)) {
            Ingredient named = byName.get(value.toLowerCase(Locale.ROOT));
            named = named != null ? named : vocabulary.ingredientNamed(value);
            if (named == null) {
                cells.problem(row, "'" + value + "' in column " + column + " is not an RxCUI, a class:<id>, or an "
                        + "ingredient name in " + IngredientTable.FILE + " or the RxNorm vocabulary");
                return null;
            }
            return named.id();
        }
        Integer rxcui = cells.rxcui(row, column);
        if (rxcui != null && !ingredients.containsKey(rxcui)) {
            Ingredient inVocabulary = vocabulary.ingredient(rxcui);
            if (inVocabulary == null) {
                cells.problem(row, "RxCUI " + rxcui + " in column " + column + " is not in " + IngredientTable.FILE
                        + " or the RxNorm vocabulary (IN or PIN)");
                return null;
            }
            return inVocabulary.id();
        }
        return rxcui;
    }

    /** Ingredients named by an RxCUI, an ingredient name or "class:&lt;id&gt;". */
    Set<Integer> members(CsvTable.Row row, String column) {
        String value = cells.required(row, column);
        if (value == null) {
            return null;
        }
        if (value.startsWith("class:")) {
            DrugClass drugClass = classes.get(value.substring(6));
            if (drugClass == null) {
                cells.problem(row, "unknown class '" + value.substring(6) + "' in column " + column);
                return null;
            }
            if (drugClass.members().isEmpty()) {
                cells.problem(row, "class '" + drugClass.id() + "' has no members");
                return null;
            }
            return drugClass.members();
        }
        Integer ingredient = ingredient(row, column);
        return ingredient == null ? null : Set.of(ingredient);
    }
}
