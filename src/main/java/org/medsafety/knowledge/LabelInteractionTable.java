package org.medsafety.knowledge;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Reads {@code label-interactions.csv}: interactions mined from FDA label text by
 * {@link org.medsafety.knowledge.mining.LabelInteractionMiner}, each with its verbatim sentence, section and label.
 * They go into the same {@link InteractionIndex} as the hand-curated rows, below them: for an ingredient pair any
 * row of interactions.csv wins, and of the label rows for a pair only one is returned (a reviewed row first, then
 * the most severe, then the first in the file). The card shows the quote and says whether a pharmacist has reviewed
 * it, through the row's clinical-effect, management and documentation text (no card code knows about label rows).
 *
 * <p>Rows name ingredients by RxCUI (or by the ingredients.csv name of a name-only ingredient). An RxCUI that
 * ingredients.csv lacks is accepted when the RxNorm vocabulary knows it: {@code vocabulary} is that seam.
 */
final class LabelInteractionTable {

    static final List<String> COLUMNS = List.of("id", "title", "object", "precipitant", "severity", "review",
            "reviewed_by", "label", "section", "sentence", "cue", "set_id", "source", "source_url");
    static final List<String> VOCABULARY_COLUMNS = List.of("rxcui", "name", "source", "source_url");

    private final Map<Integer, Ingredient> ingredients;
    private final Map<String, Ingredient> ingredientsByName;
    private final Map<String, DrugClass> classes;
    private final IntPredicate vocabulary;
    private final List<KnowledgeProblem> problems;

    /**
     * @param vocabulary whether an RxCUI that ingredients.csv lacks is an RxNorm ingredient the service can
     *                   identify (see {@link #vocabularyStandIn})
     */
    LabelInteractionTable(Map<Integer, Ingredient> ingredients, Map<String, Ingredient> ingredientsByName,
                          Map<String, DrugClass> classes, IntPredicate vocabulary, List<KnowledgeProblem> problems) {
        this.ingredients = ingredients;
        this.ingredientsByName = ingredientsByName;
        this.classes = classes;
        this.vocabulary = vocabulary;
        this.problems = problems;
    }

    /**
     * The RxCUIs of {@code label-interaction-ingredients.csv}: the RxNorm ingredients the label rows name that
     * ingredients.csv lacks, written by the miner from the RxNorm vocabulary. A stand-in until the vocabulary index
     * (branch vocab) is merged: then pass its lookup instead, and this file can go.
     */
    static IntPredicate vocabularyStandIn(List<CsvTable.Row> rows, List<KnowledgeProblem> problems) {
        Set<Integer> known = new HashSet<>();
        for (CsvTable.Row row : rows) {
            String rxcui = row.get("rxcui");
            if (rxcui == null || !rxcui.chars().allMatch(Character::isDigit) || row.get("source") == null) {
                problems.add(new KnowledgeProblem(row.file(), row.line(), "needs an RxCUI and a source"));
                continue;
            }
            known.add(Integer.parseInt(rxcui));
        }
        return known::contains;
    }

    /**
     * Adds every valid row to {@code index}; each invalid one is a problem naming its line. A pair that a
     * duplicate-therapy class covers (two NSAIDs, two anticoagulants) already gets the duplicate card for the same
     * risk: the label row is kept for its id but never returned for that pair.
     */
    void addTo(InteractionIndex index, List<CsvTable.Row> rows, List<DuplicateTherapy> duplicates) {
        Set<String> ids = new HashSet<>();
        index.all().forEach(i -> ids.add(i.id()));
        for (CsvTable.Row row : rows) {
            String id = required(row, "id");
            Severity severity = severity(row);
            Set<Integer> objects = members(row, "object");
            Set<Integer> precipitants = members(row, "precipitant");
            String review = required(row, "review");
            String sentence = required(row, "sentence");
            String section = required(row, "section");
            String citation = required(row, "source");
            if (id == null || severity == null || objects == null || precipitants == null || review == null
                    || sentence == null || section == null || citation == null) {
                continue;
            }
            if (!review.equals("extracted") && !review.equals("reviewed")) {
                problem(row, "review '" + review + "' is not extracted or reviewed");
                continue;
            }
            boolean reviewed = review.equals("reviewed");
            if (reviewed && row.get("reviewed_by") == null) {
                problem(row, "a reviewed row names its reviewer in reviewed_by");
                continue;
            }
            if (!ids.add(id)) {
                problem(row, "duplicate interaction id " + id);
                continue;
            }
            Interaction interaction = new Interaction(id, required(row, "title"), row.get("object"),
                    row.get("precipitant"), severity, InteractionList.NONE, null, null,
                    clinicalEffect(row, reviewed), management(row, sentence, section, reviewed),
                    documentation(row, reviewed), new Source(citation, row.get("source_url")), objects);
            index.addExtractedRow(interaction);
            for (int a : objects) {
                for (int b : precipitants) {
                    if (a != b && !duplicateTherapy(duplicates, a, b)) {
                        index.addExtracted(a, b, interaction, reviewed);
                    }
                }
            }
        }
    }

    private static boolean duplicateTherapy(List<DuplicateTherapy> duplicates, int a, int b) {
        for (DuplicateTherapy d : duplicates) {
            if (d.drugClass().members().contains(a) && d.drugClass().members().contains(b)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- what the card shows

    /** The card's summary ends with this: where the statement is, and that nobody has checked it yet. */
    private static String clinicalEffect(CsvTable.Row row, boolean reviewed) {
        String label = row.get("label") == null ? "FDA" : row.get("label");
        return "see the " + label + " label text" + (reviewed ? " (reviewed by a pharmacist)"
                : " (not yet reviewed by a pharmacist)");
    }

    private static String management(CsvTable.Row row, String sentence, String section, boolean reviewed) {
        String where = section.matches("[\\d.]+") ? "section " + section : section;
        return "Label text (" + where + "): \"" + sentence + "\" " + (reviewed
                ? "Extracted from the label text and reviewed by " + row.get("reviewed_by") + "."
                : "Extracted from the label text, not yet reviewed by a pharmacist"
                  + (row.get("cue") == null ? "." : "; the severity is read from the words \"" + row.get("cue")
                  + "\"."));
    }

    private static String documentation(CsvTable.Row row, boolean reviewed) {
        return "FDA label text (" + (reviewed ? "extracted, reviewed by " + row.get("reviewed_by")
                : "extracted, not yet reviewed") + ")";
    }

    // ---------------------------------------------------------------- references

    /** Ingredients a reference stands for; null (with a problem) when it is not known. */
    private Set<Integer> members(CsvTable.Row row, String column) {
        String value = required(row, column);
        if (value == null) {
            return null;
        }
        if (value.startsWith("class:")) {
            DrugClass drugClass = classes.get(value.substring(6));
            if (drugClass == null || drugClass.members().isEmpty()) {
                problem(row, "class '" + value.substring(6) + "' in column " + column
                        + " is not a class with members in drug-classes.csv");
                return null;
            }
            return drugClass.members();
        }
        if (!value.chars().allMatch(Character::isDigit)) {
            Ingredient byName = ingredientsByName.get(value.toLowerCase(Locale.ROOT));
            if (byName == null) {
                problem(row, "'" + value + "' in column " + column + " is not an RxCUI, a class:<id>, or an "
                        + "ingredient name in ingredients.csv");
                return null;
            }
            return Set.of(byName.id());
        }
        int rxcui;
        try {
            rxcui = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            problem(row, "'" + value + "' in column " + column + " is not an RxCUI");
            return null;
        }
        if (!ingredients.containsKey(rxcui) && !vocabulary.test(rxcui)) {
            problem(row, "RxCUI " + rxcui + " in column " + column + " is neither in ingredients.csv nor an RxNorm "
                    + "ingredient of the vocabulary");
            return null;
        }
        return Set.of(rxcui);
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
