package org.medsafety.engine;

import org.medsafety.engine.facts.AllergyFact;
import org.medsafety.engine.facts.DoseFact;
import org.medsafety.engine.facts.MedicationFact;
import org.medsafety.engine.facts.PatientFact;
import org.medsafety.engine.facts.UnscreenedFact;
import org.medsafety.knowledge.DrugClass;
import org.medsafety.knowledge.Ingredient;
import org.medsafety.knowledge.KnowledgeBase;
import org.medsafety.medication.DoseCalculator;
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

/** Turns a patient snapshot into the facts the rules match, using one ruleset's knowledge. */
final class FactAssembler {

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

    List<Object> facts(PatientSnapshot snapshot) {
        List<Object> facts = new ArrayList<>(32);
        facts.add(new PatientFact(snapshot.ageYears(), snapshot.sex(), snapshot.weightKg(), snapshot.egfr(),
                snapshot.crclMlMin(), snapshot.pregnant()));
        List<ResolvedMedication> actives = new ArrayList<>(snapshot.activeMedications().size());
        Set<Integer> activeIngredients = new HashSet<>();
        for (ActiveMedication active : snapshot.activeMedications()) {
            ResolvedMedication med = resolver.resolve(active.medication());
            actives.add(med);
            med.ingredients().forEach(ri -> activeIngredients.add(ri.ingredient().id()));
        }
        for (DraftOrder order : snapshot.draftOrders()) {
            ResolvedMedication med = resolver.resolve(order.medication());
            List<DoseFact> doses = doses(order, med);
            for (ResolvedIngredient ri : med.ingredients()) {
                int id = ri.ingredient().id();
                Double mgPerDay = dailyMg(doses, id);
                facts.add(new MedicationFact(order.reference(), med.label(), id, ri.ingredient().name(), true,
                        order.selected(), mgPerDay, activeIngredients.contains(id)));
            }
            facts.addAll(doses);
            if (!med.fullyIdentified()) {
                facts.add(new UnscreenedFact("draft-order", order.reference(), med.label(), med.unidentified(),
                        order.selected()));
            }
        }
        for (int i = 0; i < actives.size(); i++) {
            ResolvedMedication med = actives.get(i);
            String ref = snapshot.activeMedications().get(i).reference();
            for (ResolvedIngredient ri : med.ingredients()) {
                facts.add(new MedicationFact(ref, med.label(), ri.ingredient().id(), ri.ingredient().name(), false,
                        false, null, false));
            }
            if (!med.fullyIdentified()) {
                facts.add(new UnscreenedFact("active-medication", ref, med.label(), med.unidentified(), false));
            }
        }
        for (AllergyEntry allergy : snapshot.allergies()) {
            addAllergy(facts, allergy);
        }
        return facts;
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

    private static List<DoseFact> doses(DraftOrder order, ResolvedMedication med) {
        if (order.dose() == null || order.dose().dose() == null) {
            return List.of();
        }
        String route = order.dose().route() != null ? Routes.keyword(order.dose().route()) : med.route();
        boolean counted = DoseCalculator.isCountedUnit(order.dose().dose());
        List<DoseFact> doses = new ArrayList<>(med.ingredients().size());
        for (ResolvedIngredient ri : med.ingredients()) {
            Double mg = DoseCalculator.milligramsPerDose(order.dose(), ri, med.ingredients().size());
            doses.add(new DoseFact(order.reference(), med.label(), ri.ingredient().id(), ri.ingredient().name(),
                    route, mg, order.dose().dosesPerDay(), order.dose().weekly(), order.selected(),
                    order.dose().dose().value(), order.dose().dose().unit() != null ? order.dose().dose().unit()
                    : order.dose().dose().code(), counted));
        }
        return doses;
    }

    /**
     * An allergy names an ingredient (RxNorm code or name) or a whole class ("Penicillins"). Food and environment
     * allergies are not drug allergies and are left out; a drug allergy we cannot read becomes unscreened.
     */
    private void addAllergy(List<Object> facts, AllergyEntry allergy) {
        boolean drugAllergy = allergy.category().isEmpty() || allergy.category().contains("medication")
                || allergy.category().contains("biologic");
        if (!drugAllergy) {
            return;
        }
        ResolvedMedication med = resolver.resolve(new MedicationConcept(allergy.codes(), allergy.text()));
        if (!med.ingredients().isEmpty()) {
            for (ResolvedIngredient ri : med.ingredients()) {
                Ingredient ingredient = ri.ingredient();
                facts.add(new AllergyFact(allergy.reference(), allergy.label(), ingredient.id(), null,
                        allergy.criticality()));
            }
            return;
        }
        DrugClass drugClass = classNamed(allergy);
        if (drugClass != null) {
            facts.add(new AllergyFact(allergy.reference(), allergy.label(), 0, drugClass.id(), allergy.criticality()));
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
