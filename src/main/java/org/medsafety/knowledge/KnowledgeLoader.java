package org.medsafety.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and validates the knowledge tables (CSV files, one concept per file) into a {@link KnowledgeBase}. Each table
 * has its own reader; this class reads them in dependency order (ingredients, then the classes that group them, then
 * the tables that name either) and collects every problem with file and line. The caller refuses a knowledge base
 * that has any.
 */
public final class KnowledgeLoader {

    public static final String INGREDIENTS = IngredientTable.FILE;
    public static final String CLASSES = DrugClassTable.CLASSES;
    public static final String CLASS_MEMBERS = DrugClassTable.MEMBERS;
    public static final String PRODUCTS = ProductTable.FILE;
    public static final String INTERACTIONS = InteractionTable.FILE;
    public static final String CROSS_SENSITIVITY = CrossSensitivityTable.FILE;
    public static final String DOSE_LIMITS = DoseLimitTable.FILE;
    public static final String OVERRIDE_REASONS = OverrideReasonTable.FILE;
    /** Optional tables: absent means no rows. */
    public static final String RENAL_LIMITS = RenalLimitTable.FILE;
    public static final String DUPLICATE_THERAPY = DuplicateTherapyTable.FILE;
    public static final String LOCAL_TUNING = LocalTuningTable.FILE;
    public static final String PREGNANCY = PregnancyTable.FILE;
    /** The RxNorm vocabulary, read by {@link VocabularyIndex}; optional. */
    public static final String VOCABULARY = VocabularyFile.NAME;
    /** Interactions mined from label text (optional), read by {@link LabelInteractionTable}. */
    public static final String LABEL_INTERACTIONS = LabelInteractionTable.FILE;

    /** The outcome: a knowledge base, or the problems that prevent one. */
    public record Result(KnowledgeBase knowledge, List<KnowledgeProblem> problems) {

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final List<KnowledgeProblem> problems = new ArrayList<>();

    private KnowledgeLoader() {
    }

    /** @param files knowledge files by path relative to the knowledge-base folder */
    public static Result load(Map<String, byte[]> files) {
        return new KnowledgeLoader().run(files);
    }

    private Result run(Map<String, byte[]> files) {
        VocabularyIndex vocabulary = files.containsKey(VOCABULARY)
                ? VocabularyIndex.read(files.get(VOCABULARY), problems) : VocabularyIndex.NONE;
        TableRow cells = new TableRow(problems);
        Map<Integer, Ingredient> ingredients = new IngredientTable(cells, vocabulary)
                .read(rows(files, INGREDIENTS, IngredientTable.COLUMNS));
        vocabulary = vocabulary.identify(ingredients, problems);
        DrugReferences drugs = new DrugReferences(cells, ingredients, vocabulary);
        DrugClassTable.Classes classes = new DrugClassTable(cells, drugs).read(
                rows(files, CLASSES, DrugClassTable.CLASS_COLUMNS), rows(files, CLASS_MEMBERS, DrugClassTable.MEMBER_COLUMNS));
        drugs = drugs.withClasses(classes.byId());
        Map<Integer, Product> products = new ProductTable(cells, drugs).read(rows(files, PRODUCTS, ProductTable.COLUMNS));
        InteractionIndex interactions = new InteractionTable(cells, drugs)
                .read(rows(files, INTERACTIONS, InteractionTable.COLUMNS));
        CrossSensitivityIndex cross = new CrossSensitivityTable(cells, drugs)
                .read(rows(files, CROSS_SENSITIVITY, CrossSensitivityTable.COLUMNS));
        Map<Integer, List<DoseLimit>> limits = new DoseLimitTable(cells, drugs)
                .read(rows(files, DOSE_LIMITS, DoseLimitTable.COLUMNS));
        Map<Integer, List<RenalLimit>> renal = files.containsKey(RENAL_LIMITS)
                ? new RenalLimitTable(cells, drugs).read(rows(files, RENAL_LIMITS, RenalLimitTable.COLUMNS)) : Map.of();
        Map<Integer, List<DoseReduction>> reductions = files.containsKey(DoseReductionTable.FILE)
                ? new DoseReductionTable(cells, drugs).read(rows(files, DoseReductionTable.FILE,
                DoseReductionTable.COLUMNS)) : Map.of();
        List<DuplicateTherapy> duplicates = files.containsKey(DUPLICATE_THERAPY)
                ? new DuplicateTherapyTable(cells, classes.byId()).read(rows(files, DUPLICATE_THERAPY,
                DuplicateTherapyTable.COLUMNS)) : List.of();
        if (files.containsKey(LABEL_INTERACTIONS)) {
            // Without the vocabulary no order is identified as a drug only RxNorm knows: rows about one are left out.
            new LabelInteractionTable(drugs::members, vocabulary.isEmpty() ? ingredients::containsKey : rxcui -> true,
                    problems).addTo(interactions, rows(files, LABEL_INTERACTIONS, LabelInteractionTable.COLUMNS),
                    duplicates);
        }
        PregnancyTable pregnancy = files.containsKey(PREGNANCY)
                ? PregnancyTable.read(rows(files, PREGNANCY, List.of(PregnancyTable.COLUMNS)), drugs::members, problems)
                : PregnancyTable.EMPTY;
        List<OverrideReason> reasons = new OverrideReasonTable(cells)
                .read(rows(files, OVERRIDE_REASONS, OverrideReasonTable.COLUMNS));
        LocalTuning tuning = files.containsKey(LOCAL_TUNING)
                ? new LocalTuningTable(cells).read(rows(files, LOCAL_TUNING, LocalTuningTable.COLUMNS),
                LocalTuningTable.Targets.of(interactions, cross, limits, renal, duplicates, reductions, pregnancy))
                : LocalTuning.NONE;
        // Last: it reads the interaction rows, and tells a modifier of a dropped row from a new problem.
        InteractionModifiers modifiers = InteractionModifierTable.read(files, interactions, drugs::members, problems);
        if (!problems.isEmpty()) {
            return new Result(null, List.copyOf(problems));
        }
        return new Result(new KnowledgeBase(ingredients, classes.byId(), classes.ofIngredient(), products,
                interactions, cross, limits, renal, duplicates, reasons, tuning, reductions, pregnancy, modifiers,
                vocabulary), List.of());
    }

    private List<CsvTable.Row> rows(Map<String, byte[]> files, String file, List<String> columns) {
        byte[] content = files.get(file);
        if (content == null) {
            problems.add(new KnowledgeProblem(file, 0, "file missing from knowledge-base/"));
            return List.of();
        }
        return CsvTable.read(file, content, columns, problems);
    }
}
