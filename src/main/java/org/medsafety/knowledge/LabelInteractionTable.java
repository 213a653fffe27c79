package org.medsafety.knowledge;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code label-interactions.csv}: interactions mined from FDA label text by
 * {@link org.medsafety.knowledge.mining.LabelInteractionMiner}, each with its verbatim sentence, section and label.
 * They go into the same {@link InteractionIndex} as the hand-curated rows, below them: for an ingredient pair any
 * row of interactions.csv wins, and of the label rows for a pair only one is returned (a reviewed row first, then
 * the most severe, then the first in the file). The card shows the quote and says whether a pharmacist has reviewed
 * it, through the row's clinical-effect, management and documentation text (no card code knows about label rows).
 *
 * <p>Rows name ingredients by RxCUI (or by the ingredients.csv name of a name-only ingredient) or by class, resolved
 * as every table's drug columns are: ingredients.csv first, then the RxNorm vocabulary, so that a row about a drug
 * only the vocabulary knows meets orders for it.
 */
final class LabelInteractionTable {

    static final String FILE = "label-interactions.csv";
    static final List<String> COLUMNS = List.of("id", "title", "object", "precipitant", "severity", "review",
            "reviewed_by", "label", "section", "sentence", "cue", "set_id", "source", "source_url");

    /** How the table finds the ingredients a drug column names (an RxCUI, a name or a class); null when unknown. */
    interface Drugs {
        Set<Integer> members(CsvTable.Row row, String column);
    }

    private final Drugs drugs;
    private final java.util.function.IntPredicate identifiable;
    private final List<KnowledgeProblem> problems;

    /**
     * @param identifiable whether an order can be identified as the ingredient an RxCUI names: without the
     *                     vocabulary only ingredients.csv's can, and a row about another is left out (it could
     *                     never meet an order); with it, every RxCUI is checked and an unknown one is refused
     */
    LabelInteractionTable(Drugs drugs, java.util.function.IntPredicate identifiable, List<KnowledgeProblem> problems) {
        this.drugs = drugs;
        this.identifiable = identifiable;
        this.problems = problems;
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
            if (!identifiable(row.get("object")) || !identifiable(row.get("precipitant"))) {
                continue;
            }
            String id = required(row, "id");
            Severity severity = severity(row);
            Set<Integer> objects = drugs.members(row, "object");
            Set<Integer> precipitants = drugs.members(row, "precipitant");
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

    private boolean identifiable(String reference) {
        return reference == null || !reference.chars().allMatch(Character::isDigit) || reference.length() > 9
                || identifiable.test(Integer.parseInt(reference));
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
