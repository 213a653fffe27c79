package org.medsafety.knowledge;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every knowledge row of one knowledge base by id, with its table, title and source, so that statistics per row can
 * say what a row is. Built once per knowledge base, on first use (statistics, not screening, ask for it).
 */
public final class KnowledgeRowCatalog {

    /** What a knowledge row is: its table, a human title, and its source citation. */
    public record Entry(String id, String table, String title, String source) {
    }

    private final Map<String, Entry> byId;

    private KnowledgeRowCatalog(Map<String, Entry> byId) {
        this.byId = Map.copyOf(byId);
    }

    /** The row with this id in the knowledge base it was built from, or null (a row of another ruleset version). */
    public Entry row(String id) {
        return id == null ? null : byId.get(id);
    }

    /** Every row, in no particular order. */
    public Collection<Entry> entries() {
        return byId.values();
    }

    /** @param extracted whether an interaction row comes from label-interactions.csv (else interactions.csv) */
    static KnowledgeRowCatalog of(Collection<Interaction> interactions, java.util.function.Predicate<String> extracted,
                                  Collection<CrossSensitivity> cross,
                                  Collection<List<DoseLimit>> doseLimits, Collection<List<RenalLimit>> renal,
                                  Collection<List<DuplicateTherapy>> duplicates,
                                  Collection<List<DoseReduction>> doseReductions, Collection<PregnancyRow> pregnancy) {
        Map<String, Entry> rows = new HashMap<>();
        interactions.forEach(i -> rows.put(i.id(), new Entry(i.id(), extracted.test(i.id())
                ? KnowledgeLoader.LABEL_INTERACTIONS : KnowledgeLoader.INTERACTIONS, i.title(), i.source().citation())));
        cross.forEach(c -> rows.put(c.id(), new Entry(c.id(), KnowledgeLoader.CROSS_SENSITIVITY, c.title(),
                c.source().citation())));
        doseLimits.forEach(list -> list.forEach(d -> rows.put(d.id(), new Entry(d.id(), KnowledgeLoader.DOSE_LIMITS,
                d.note(), d.source().citation()))));
        renal.forEach(list -> list.forEach(r -> rows.put(r.id(), new Entry(r.id(), KnowledgeLoader.RENAL_LIMITS,
                r.note(), r.source().citation()))));
        duplicates.forEach(list -> list.forEach(d -> rows.put(d.id(), new Entry(d.id(),
                KnowledgeLoader.DUPLICATE_THERAPY, d.drugClass().name(), d.source().citation()))));
        doseReductions.forEach(list -> list.forEach(d -> rows.put(d.id(), new Entry(d.id(),
                DoseReductionTable.FILE, d.note(), d.source().citation()))));
        pregnancy.forEach(p -> rows.put(p.id(), new Entry(p.id(), KnowledgeLoader.PREGNANCY, p.title(),
                p.source().citation())));
        return new KnowledgeRowCatalog(rows);
    }
}
