package org.medsafety.engine;

import org.medsafety.engine.facts.MedicationFact;
import org.medsafety.engine.facts.PatientFact;
import org.medsafety.knowledge.ConditionValueSet;
import org.medsafety.knowledge.Interaction;
import org.medsafety.knowledge.InteractionModifier;
import org.medsafety.knowledge.KnowledgeBase;
import org.medsafety.medication.Routes;
import org.medsafety.snapshot.ClinicalCode;
import org.medsafety.snapshot.ConditionEntry;
import org.medsafety.snapshot.DraftOrder;
import org.medsafety.snapshot.PatientSnapshot;
import org.medsafety.snapshot.PlausibleRange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One patient's context for the interaction modifiers (interaction-modifiers.csv): age, renal values, conditions and
 * every medication with its route. Built per evaluation, read only when an interaction with modifiers fires, so a
 * request without such an interaction pays for nothing but this object.
 */
final class InteractionContext {

    /** Routes that act locally: a co-medication limited to systemic use does not count by them. */
    private static final Set<String> LOCAL_ROUTES = Set.of("topical", "ophthalmic", "inhalation", "nasal", "otic");

    /** Whole words only: "otic" is also in "antibiotic", "gel" in "gelcap". */
    private static final Pattern OTIC = Pattern.compile("\\botic\\b");
    private static final Pattern LOCAL_FORM = Pattern.compile("\\b(gel|lotion|patch)\\b");

    /** How one factor stands for one pair. */
    enum Standing { NOT_RELEVANT, APPLIES, DOES_NOT_APPLY, UNKNOWN }

    /**
     * A factor's standing and, when it applies or is unknown, what the card says about it: {@code what} in the
     * detail, {@code brief} in the one-line summary.
     */
    record Judged(InteractionModifier modifier, Standing standing, String what, String brief) {

        Judged(InteractionModifier modifier, Standing standing, String what) {
            this(modifier, standing, what, what);
        }
    }

    private final PatientSnapshot snapshot;
    private final List<Object> facts;
    private final KnowledgeBase knowledge;
    private PatientFact patient;
    private List<MedicationFact> medications;
    private Map<String, String> draftRoutes;

    InteractionContext(PatientSnapshot snapshot, List<Object> facts, KnowledgeBase knowledge) {
        this.snapshot = snapshot;
        this.facts = facts;
        this.knowledge = knowledge;
    }

    /** The factors of this interaction row judged for the pair (draft order, other medication); empty when none. */
    List<Judged> judge(Interaction interaction, MedicationFact draft, MedicationFact other) {
        List<InteractionModifier> modifiers = knowledge.interactionModifiers().of(interaction.id());
        if (modifiers.isEmpty()) {
            return List.of();
        }
        load();
        List<Judged> judged = new ArrayList<>(modifiers.size());
        for (InteractionModifier m : modifiers) {
            judged.add(judge(m, draft, other));
        }
        return judged;
    }

    private Judged judge(InteractionModifier m, MedicationFact draft, MedicationFact other) {
        return switch (m.factor()) {
            case MIN_AGE -> threshold(m, patient == null ? null : patient.getAgeYears(), "age", "", true);
            case MIN_SERUM_CREATININE -> threshold(m, serumCreatinine(), "serum creatinine", " mg/dL", true);
            case MAX_RENAL_FUNCTION -> renalFunction(m);
            case CONDITION -> condition(m);
            case CO_MEDICATION -> coMedication(m, draft, other);
            case PAIR_DRUG_ROUTE -> pairDrugRoute(m, draft, other);
        };
    }

    private static Judged threshold(InteractionModifier m, Double value, String name, String unit, boolean atLeast) {
        if (value == null) {
            return new Judged(m, Standing.UNKNOWN, name);
        }
        boolean applies = atLeast ? value >= m.number() - 1e-9 : value <= m.number() + 1e-9;
        String brief = name + " " + CardText.number(value) + unit;
        return new Judged(m, applies ? Standing.APPLIES : Standing.DOES_NOT_APPLY, brief
                + (atLeast ? " (at least " : " (at most ") + CardText.number(m.number()) + unit + ")", brief);
    }

    private Judged renalFunction(InteractionModifier m) {
        Double crcl = patient == null ? null : patient.getCrclMlMin();
        if (crcl != null) {
            return threshold(m, crcl, "renal function: CrCl", " mL/min", false);
        }
        Double egfr = patient == null ? null : patient.getEgfr();
        return egfr == null ? new Judged(m, Standing.UNKNOWN, "renal function (CrCl or eGFR)")
                : threshold(m, egfr, "renal function: eGFR", " mL/min/1.73 m²", false);
    }

    private Judged condition(InteractionModifier m) {
        ConditionValueSet set = knowledge.interactionModifiers().valueSet(m.value());
        for (ConditionEntry c : snapshot.conditions()) {
            for (ClinicalCode code : c.codes()) {
                if (set.contains(code.system(), code.code()) || set.names(code.display())) {
                    String name = code.display() != null ? code.display() : c.text() != null ? c.text() : code.code();
                    return new Judged(m, Standing.APPLIES, "recorded condition: " + name, name);
                }
            }
            if (set.names(c.text())) {
                return new Judged(m, Standing.APPLIES, "recorded condition: " + c.text(), c.text());
            }
        }
        return new Judged(m, Standing.DOES_NOT_APPLY, null);
    }

    private Judged coMedication(InteractionModifier m, MedicationFact draft, MedicationFact other) {
        boolean systemicOnly = m.routes().contains("systemic");
        for (MedicationFact med : medications) {
            int id = med.getIngredient();
            if (!m.drugs().contains(id) || id == draft.getIngredient() || id == other.getIngredient()) {
                continue;
            }
            String route = routeOf(med);
            if (systemicOnly && route != null && LOCAL_ROUTES.contains(route)) {
                continue;
            }
            return new Judged(m, Standing.APPLIES, "also " + (med.isDraft() ? "ordered: " : "on ")
                    + med.getIngredientName() + (med.getLabel().equalsIgnoreCase(med.getIngredientName()) ? ""
                    : " (" + med.getLabel() + ")"), med.getIngredientName());
        }
        return new Judged(m, Standing.DOES_NOT_APPLY, null);
    }

    private Judged pairDrugRoute(InteractionModifier m, MedicationFact draft, MedicationFact other) {
        MedicationFact drug = m.drugs().contains(draft.getIngredient()) ? draft
                : m.drugs().contains(other.getIngredient()) ? other : null;
        if (drug == null) {
            return new Judged(m, Standing.NOT_RELEVANT, null);
        }
        String route = routeOf(drug);
        if (route == null) {
            return new Judged(m, Standing.UNKNOWN, "the route of " + drug.getIngredientName());
        }
        return new Judged(m, m.routes().contains(route) ? Standing.APPLIES : Standing.DOES_NOT_APPLY,
                drug.getIngredientName() + " by the " + route + " route", route + " " + drug.getIngredientName());
    }

    private Double serumCreatinine() {
        Double scr = snapshot.serumCreatinineMgDl();
        // Judged again, as the patient facts are: a scenario or replayed record may hold an impossible value.
        return scr != null && Double.isFinite(scr) && PlausibleRange.SERUM_CREATININE.contains(scr) ? scr : null;
    }

    /** The route an order states, else the one its name implies; null when neither says. */
    private String routeOf(MedicationFact med) {
        String stated = med.isDraft() ? draftRoutes.get(med.getOrderRef()) : null;
        String route = stated == null ? null : routeWord(stated);
        return route != null ? route : routeWord(med.getLabel());
    }

    /** The dose-limit route words, plus those only context needs (ophthalmic, nasal, otic, any injection). */
    static String routeWord(String text) {
        if (text == null) {
            return null;
        }
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("ophthalmic") || t.contains("eye drop")) {
            return "ophthalmic";
        }
        if (t.contains("nasal")) {
            return "nasal";
        }
        if (OTIC.matcher(t).find()) {
            return "otic";
        }
        String route = Routes.keyword(text);
        if (route == null && LOCAL_FORM.matcher(t).find()) {
            return "topical";
        }
        return route != null ? route : t.contains("inject") || t.contains("parenteral") ? "parenteral" : null;
    }

    private void load() {
        if (medications != null) {
            return;
        }
        medications = new ArrayList<>();
        for (Object f : facts) {
            if (f instanceof MedicationFact m) {
                medications.add(m);
            } else if (f instanceof PatientFact p) {
                patient = p;
            }
        }
        draftRoutes = new HashMap<>();
        for (DraftOrder d : snapshot.draftOrders()) {
            if (d.dose() != null && d.dose().route() != null) {
                draftRoutes.put(d.reference(), d.dose().route());
            }
        }
    }
}
