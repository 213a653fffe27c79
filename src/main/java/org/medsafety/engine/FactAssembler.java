package org.medsafety.engine;

import org.medsafety.engine.facts.AllergyFact;
import org.medsafety.engine.facts.DoseFact;
import org.medsafety.engine.facts.MedicationFact;
import org.medsafety.engine.facts.UnscreenedFact;
import org.medsafety.knowledge.DrugClass;
import org.medsafety.knowledge.Ingredient;
import org.medsafety.knowledge.KnowledgeBase;
import org.medsafety.medication.MedicationResolver;
import org.medsafety.medication.ResolvedIngredient;
import org.medsafety.medication.ResolvedMedication;
import org.medsafety.medication.Routes;
import org.medsafety.snapshot.ActiveMedication;
import org.medsafety.snapshot.AllergyEntry;
import org.medsafety.snapshot.ClinicalCode;
import org.medsafety.snapshot.DraftOrder;
import org.medsafety.snapshot.MedicationConcept;
import org.medsafety.snapshot.PatientSnapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a patient snapshot into the facts the rules match, using one ruleset's knowledge.
 *
 * <p>Rules compare medications in pairs, so the facts are kept proportionate to what a pharmacist needs rather than to
 * what a caller sends: current medications and allergies give one fact per distinct ingredient (their findings are per
 * ingredient anyway), and at most {@link #MAX_DRAFT_ORDERS} draft orders are screened, the rest being named on a card.
 */
final class FactAssembler {

    /**
     * Draft orders screened in one evaluation: an engineering bound equal to the default request limit
     * (medsafety.limits.draft-orders), so it binds only on snapshots that did not come through the HTTP edge
     * (replays, scenario files) or on a raised request limit. Each pair of orders is compared, so cost grows with the
     * square of this number (2,000 orders took 9 s to evaluate before it existed).
     */
    static final int MAX_DRAFT_ORDERS = 200;

    /**
     * The facts; the draft orders beyond {@link #MAX_DRAFT_ORDERS} that were not screened; the identified drugs
     * that no knowledge row speaks of, for the audit record; and the medications not (fully) identified.
     */
    record Assembled(List<Object> facts, List<DraftOrder> notScreened, List<DrugWithoutKnowledge> withoutKnowledge,
                     int unidentifiedDraftOrders, int unidentifiedActiveMedications) {
    }

    private final KnowledgeBase knowledge;
    private final MedicationResolver resolver;
    private final Map<String, DrugClass> classesByName = new HashMap<>();

    FactAssembler(KnowledgeBase knowledge, MedicationResolver resolver) {
        this.knowledge = knowledge;
        this.resolver = resolver;
        for (DrugClass c : knowledge.classes()) {
            String name = c.name().toLowerCase(Locale.ROOT);
            classesByName.put(name, c);
            classesByName.put(c.id().toLowerCase(Locale.ROOT), c);
            if (name.endsWith("s")) {
                classesByName.put(name.substring(0, name.length() - 1), c); // "penicillin" allergy = the class
            }
        }
    }

    Assembled assemble(PatientSnapshot snapshot) {
        List<Object> facts = new ArrayList<>(32);
        PatientFacts.add(snapshot, facts);
        List<ResolvedMedication> actives = new ArrayList<>(snapshot.activeMedications().size());
        Set<Integer> activeIngredients = new HashSet<>();
        Map<String, ResolvedMedication> activeByRef = new HashMap<>();
        for (ActiveMedication active : snapshot.activeMedications()) {
            ResolvedMedication med = resolver.resolve(active.medication());
            actives.add(med);
            activeByRef.putIfAbsent(active.reference(), med);
            med.ingredients().forEach(ri -> activeIngredients.add(ri.ingredient().id()));
        }
        Map<Integer, DrugWithoutKnowledge> withoutKnowledge = new java.util.LinkedHashMap<>();
        List<DraftOrder> drafts = snapshot.draftOrders();
        List<DraftOrder> screened = drafts.size() <= MAX_DRAFT_ORDERS ? drafts : drafts.subList(0, MAX_DRAFT_ORDERS);
        // Current medications a draft order renews or replaces (priorPrescription): they stop when it starts.
        Set<String> replaced = new HashSet<>();
        CumulativeDoses cumulative = new CumulativeDoses(knowledge);
        int unidentifiedDrafts = 0;
        int unidentifiedActives = 0;
        for (DraftOrder order : screened) {
            ResolvedMedication med = resolver.resolve(order.medication());
            String replaces = order.priorPrescription() != null && activeByRef.containsKey(order.priorPrescription())
                    ? order.priorPrescription() : null;
            if (replaces != null) {
                replaced.add(replaces);
            }
            List<DoseFact> doses = DoseFacts.of(order, med);
            for (ResolvedIngredient ri : med.ingredients()) {
                int id = ri.ingredient().id();
                Double mgPerDay = dailyMg(doses, id);
                boolean renewsIngredient = replaces != null && contains(activeByRef.get(replaces), id);
                facts.add(new MedicationFact(order.reference(), med.label(), id, ri.ingredient().name(), true,
                        order.selected(), mgPerDay, activeIngredients.contains(id), replaces, renewsIngredient,
                        route(order, med)));
                noteWithoutKnowledge(withoutKnowledge, ri.ingredient(), "draft-order");
            }
            cumulative.add(order, med, doses, true);
            facts.addAll(doses);
            if (!med.fullyIdentified()) {
                facts.add(new UnscreenedFact("draft-order", order.reference(), med.label(), med.unidentified(),
                        order.selected()));
                unidentifiedDrafts++;
            }
        }
        // One fact per ingredient the patient is on: two current medications are never compared with each other, and
        // every finding against one is per ingredient, so a list repeating an ingredient adds cost and nothing else.
        // Medications that are not being replaced come first, so an ingredient that stays on is the one kept.
        Set<Integer> activeIngredientFacts = new HashSet<>();
        for (boolean replacedPass : new boolean[] {false, true}) {
            for (int i = 0; i < actives.size(); i++) {
                ActiveMedication active = snapshot.activeMedications().get(i);
                if (replaced.contains(active.reference()) != replacedPass) {
                    continue;
                }
                ResolvedMedication med = actives.get(i);
                for (ResolvedIngredient ri : med.ingredients()) {
                    if (activeIngredientFacts.add(ri.ingredient().id())) {
                        facts.add(new MedicationFact(active.reference(), med.label(), ri.ingredient().id(),
                                ri.ingredient().name(), false, false, null, false));
                        noteWithoutKnowledge(withoutKnowledge, ri.ingredient(), "active-medication");
                    }
                }
                if (!replacedPass) {
                    cumulative.add(new DraftOrder(active.reference(), false, active.medication(), active.dose(), null),
                            med, null, false);
                }
                if (!med.fullyIdentified()) {
                    facts.add(new UnscreenedFact("active-medication", active.reference(), med.label(),
                            med.unidentified(), false));
                    unidentifiedActives++;
                }
            }
        }
        facts.addAll(cumulative.facts());
        AllergyFacts allergies = new AllergyFacts();
        for (AllergyEntry allergy : snapshot.allergies()) {
            addAllergy(facts, allergies, allergy);
        }
        facts.addAll(allergies.facts());
        return new Assembled(facts, drafts.size() <= MAX_DRAFT_ORDERS ? List.of()
                : drafts.subList(MAX_DRAFT_ORDERS, drafts.size()), List.copyOf(withoutKnowledge.values()),
                unidentifiedDrafts, unidentifiedActives);
    }

    /**
     * An identified ingredient no knowledge row names is screened (only a second order of it, or an allergy to it,
     * can alert): no card says so, but the audit record lists it, so that silence can be told from a gap.
     */
    private void noteWithoutKnowledge(Map<Integer, DrugWithoutKnowledge> notes, Ingredient ingredient, String kind) {
        if (!knowledge.hasKnowledge(ingredient.id()) && !notes.containsKey(ingredient.id())) {
            notes.put(ingredient.id(), new DrugWithoutKnowledge(ingredient.hasRxcui() ? ingredient.id() : null,
                    ingredient.name(), kind));
        }
    }

    private static boolean contains(ResolvedMedication med, int ingredient) {
        for (ResolvedIngredient ri : med.ingredients()) {
            if (ri.ingredient().id() == ingredient) {
                return true;
            }
        }
        return false;
    }

    /** The order's route keyword, as DoseFacts works it out: the order's own, else the product's dose form. */
    private static String route(DraftOrder order, ResolvedMedication med) {
        String ordered = order.dose() == null ? null : order.dose().route();
        return ordered != null ? Routes.keyword(ordered) : med.route();
    }

    /** The ordered daily amount of an ingredient, or null when the order does not say (no dose, or no schedule). */
    private static Double dailyMg(List<DoseFact> doses, int ingredient) {
        for (DoseFact d : doses) {
            if (d.getIngredient() == ingredient) {
                return d.getMgPerDay(); // may be null; Optional.map(...).findFirst() threw on that (a 500)
            }
        }
        return null;
    }

    /**
     * An allergy names an ingredient (RxNorm code or name) or a whole class ("Penicillins"). Food and environment
     * allergies are not drug allergies and are left out; a drug allergy we cannot read becomes unscreened.
     */
    private void addAllergy(List<Object> facts, AllergyFacts allergies, AllergyEntry allergy) {
        boolean drugAllergy = allergy.category().isEmpty() || allergy.category().contains("medication")
                || allergy.category().contains("biologic");
        if (!drugAllergy) {
            return;
        }
        ResolvedMedication med = resolver.resolve(new MedicationConcept(allergy.codes(), allergy.text()));
        if (!med.ingredients().isEmpty()) {
            for (ResolvedIngredient ri : med.ingredients()) {
                Ingredient ingredient = ri.ingredient();
                allergies.add(new AllergyFact(allergy.reference(), allergy.label(), ingredient.id(), null,
                        allergy.criticality()));
            }
            return;
        }
        DrugClass drugClass = classNamed(allergy);
        if (drugClass != null) {
            allergies.add(new AllergyFact(allergy.reference(), allergy.label(), 0, drugClass.id(), allergy.criticality()));
        } else if (allergy.category().isEmpty() || allergy.category().contains("medication")) {
            // Uncategorised allergies may be drug allergies: saying so beats staying silent.
            facts.add(new UnscreenedFact("allergy", allergy.reference(), allergy.label(), List.of(), true));
        }
    }

    private DrugClass classNamed(AllergyEntry allergy) {
        List<String> names = new ArrayList<>();
        if (allergy.text() != null) {
            names.add(allergy.text());
        }
        for (ClinicalCode code : allergy.codes()) {
            if (code.display() != null) {
                names.add(code.display());
            }
        }
        for (String name : names) {
            String n = name.toLowerCase(Locale.ROOT).replaceFirst("^(allergy to|allergic to)\\s+", "")
                    .replaceFirst("\\s+(allergy|antibiotics?)$", "").trim();
            DrugClass c = classesByName.get(n);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    KnowledgeBase knowledge() {
        return knowledge;
    }
}
