package org.medsafety.engine;

import org.medsafety.engine.facts.AllergyFact;
import org.medsafety.engine.facts.CumulativeDoseFact;
import org.medsafety.engine.facts.DoseFact;
import org.medsafety.engine.facts.MedicationFact;
import org.medsafety.engine.facts.PatientFact;
import org.medsafety.engine.facts.UnscreenedFact;
import org.medsafety.engine.facts.UnusableMeasurementFact;
import org.medsafety.knowledge.CrossSensitivity;
import org.medsafety.knowledge.DoseLimit;
import org.medsafety.knowledge.DoseReduction;
import org.medsafety.knowledge.DuplicateTherapy;
import org.medsafety.knowledge.Interaction;
import org.medsafety.knowledge.PregnancyRow;
import org.medsafety.knowledge.RenalLimit;
import org.medsafety.knowledge.Severity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Collects what rule consequences report during one evaluation (the DRL global {@code findings}): one finding per
 * problem. The same interaction seen from both draft orders, or through two ingredients of one combination product,
 * is reported once. Each check's wording is in its own class ({@link InteractionWording}, {@link AllergyWording},
 * {@link DoseWording}, {@link RenalWording}, {@link DuplicateWording}, {@link PregnancyWording},
 * {@link UnscreenedWording}); this class decides only which findings are kept. One instance per request; not
 * thread-safe.
 */
public final class Findings {

    /** The evaluator's finding for draft orders beyond the engine's bound; not a rule, so it cannot be tuned away. */
    public static final String DRAFT_ORDERS_NOT_SCREENED = "DRAFT-ORDERS-NOT-SCREENED";

    private final Map<String, Finding> byKey = new LinkedHashMap<>();
    /** Unidentified current medications by reference: a set, since a rule reports each once per selected order. */
    private final Map<String, UnscreenedFact> unscreenedActive = new LinkedHashMap<>(0);
    private String unscreenedActiveRule;
    private String unscreenedActiveOrder;
    private Finding draftOrdersNotScreened;
    /** The row shown on each order's one pregnancy card, so that a more serious or more specific row can replace it. */
    private final Map<String, PregnancyRow> pregnancyShown = new HashMap<>(0);
    private InteractionContext context;

    public List<Finding> list() {
        List<Finding> all = new ArrayList<>(byKey.values());
        if (!unscreenedActive.isEmpty()) {
            all.add(UnscreenedWording.currentMedications(unscreenedActiveRule,
                    List.copyOf(unscreenedActive.values()), unscreenedActiveOrder));
        }
        if (draftOrdersNotScreened != null) {
            all.add(draftOrdersNotScreened);
        }
        return List.copyOf(all);
    }

    /** The first finding reported under a key is kept; the wording is written only for a new key. */
    private void report(String key, Supplier<Finding> finding) {
        if (!byKey.containsKey(key)) {
            byKey.put(key, finding.get());
        }
    }

    /** A key per ingredient pair, whichever of the two is the draft order. */
    private static String perPair(String prefix, MedicationFact a, MedicationFact b) {
        return prefix + '|' + Math.min(a.getIngredient(), b.getIngredient()) + '|'
                + Math.max(a.getIngredient(), b.getIngredient());
    }

    /**
     * A key per order and ingredient, for the checks that give one card each (dose, renal, pregnancy). When several
     * rules report the same order, the first to fire wins: the DRL salience in rules/dose and rules/renal decides
     * which wording is shown.
     */
    private static String perOrder(String check, String orderRef, int ingredient) {
        return check + '|' + orderRef + '|' + ingredient;
    }

    // ---------------------------------------------------------------------------------------------- interactions

    /** {@code draft} is the order being written; {@code other} the draft or active medication it interacts with. */
    public void interaction(String ruleId, Interaction interaction, MedicationFact draft, MedicationFact other) {
        // One card per interacting ingredient pair: the same pair reached through a renewal and the current
        // order, from both draft orders, or through two ingredients of one product, is one problem.
        report(perPair(ruleId + '|' + interaction.id(), draft, other),
                () -> InteractionWording.finding(ruleId, interaction, draft, other));
    }

    /** The patient context the interaction modifiers read; the evaluator sets it before the rules run. */
    void useContext(InteractionContext context) {
        this.context = context;
    }

    /**
     * As {@link #interaction}, with the patient's context applied: the row's modifiers may withhold the card (the
     * warning is about other patients), change its severity, or add what applied; the card says which factors did.
     */
    public void interactionInContext(String ruleId, Interaction interaction, MedicationFact draft, MedicationFact other) {
        String key = perPair(ruleId + '|' + interaction.id(), draft, other);
        if (byKey.containsKey(key)) {
            return;
        }
        ContextAssessment assessment = context == null ? null
                : ContextAssessment.of(interaction.severity(), context.judge(interaction, draft, other));
        if (assessment != null && assessment.suppressed()) {
            return;
        }
        interaction(ruleId, interaction, draft, other);
        if (assessment != null && assessment.changesCard()) {
            byKey.computeIfPresent(key, (k, f) -> InteractionWording.inContext(f, assessment, draft));
        }
    }

    // ------------------------------------------------------------------------------------- allergy, duplicates

    /** An allergy to the ordered ingredient itself ({@code row} null) or to a cross-sensitive one. */
    public void allergy(String ruleId, CrossSensitivity row, AllergyFact allergy, MedicationFact drug) {
        // Per ingredient and allergy, not per order: N orders of one drug are one problem (and N cards would bury it).
        report(ruleId + '|' + drug.getIngredient() + '|' + allergy.getAllergyRef(),
                () -> AllergyWording.finding(ruleId, row, allergy, drug));
    }

    /** The same ingredient twice ({@code row} null), or two drugs of a duplicate-therapy class. */
    public void duplicate(String ruleId, DuplicateTherapy row, MedicationFact draft, MedicationFact other) {
        // Per ingredient pair, not per order pair: N orders of one drug are one duplication, not N² cards.
        report(perPair("duplicate|" + ruleId, draft, other), () -> DuplicateWording.finding(ruleId, row, draft, other));
    }

    // ---------------------------------------------------------------------------------------------------- dose

    /** The ordered single dose is above the label's maximum single dose (for this weight, if weight-based). */
    public void singleDoseAboveMax(String ruleId, DoseLimit limit, DoseFact dose, Double weightKg) {
        doseAbove(ruleId, limit, dose, "single", dose.getMgPerDose(), limit.singleMaxFor(weightKg),
                limit.maxSingleMgPerKg(), "mg per dose", weightKg, Severity.MAJOR);
    }

    /** The ordered daily total is above the label's maximum daily dose (for this weight, if weight-based). */
    public void dailyDoseAboveMax(String ruleId, DoseLimit limit, DoseFact dose, Double weightKg) {
        doseAbove(ruleId, limit, dose, "daily", dose.getMgPerDay(), limit.dailyMaxFor(weightKg),
                limit.maxDailyMgPerKg(), "mg/day", weightKg, Severity.MAJOR);
    }

    /** The ordered weekly total is above the label's weekly maximum (oral methotrexate). */
    public void weeklyDoseAboveMax(String ruleId, DoseLimit limit, DoseFact dose) {
        doseAbove(ruleId, limit, dose, "weekly", dose.getMgPerWeek(), limit.maxWeeklyMg(), null, "mg/week", null,
                Severity.MAJOR);
    }

    private void doseAbove(String ruleId, DoseLimit limit, DoseFact dose, String which, Double ordered, Double max,
                           Double perKg, String unit, Double weightKg, Severity severity) {
        // One dose card per order and ingredient, even when several maxima are exceeded.
        if (ordered == null || max == null) {
            return;
        }
        report(perOrder("dose", dose.getOrderRef(), dose.getIngredient()), () -> DoseWording.above(ruleId, limit,
                dose, which, ordered, max, perKg, unit, weightKg, severity));
    }

    /** A drug the label doses once weekly is ordered on a daily schedule: fatal errors have followed. */
    public void weeklyDrugScheduledDaily(String ruleId, DoseLimit limit, DoseFact dose) {
        report(perOrder("dose", dose.getOrderRef(), dose.getIngredient()),
                () -> DoseWording.weeklyDrugScheduledDaily(ruleId, limit, dose));
    }

    /** A labelled limit exists but the dose could not be checked against it; says why, as an info card. */
    public void doseNotChecked(String ruleId, DoseFact dose, String reason) {
        report(perOrder("dose", dose.getOrderRef(), dose.getIngredient()),
                () -> DoseWording.notChecked(ruleId, dose, reason));
    }

    /**
     * Orders of one ingredient (draft orders and the current medications they do not replace) add up past the
     * labelled daily maximum, though none is above it alone. The card names every order that adds up.
     */
    public void cumulativeDoseAboveMax(String ruleId, DoseLimit limit, CumulativeDoseFact sum, Double weightKg) {
        CumulativeDoseFact.Part shownOn = sum.shownOn(limit);
        Double max = limit.dailyMaxFor(weightKg);
        if (shownOn == null || max == null) {
            return;
        }
        // One dose card per order and ingredient; one fact per ingredient makes one cumulative card per limit.
        report(perOrder("dose", shownOn.orderRef(), sum.ingredient()),
                () -> DoseWording.cumulativeAbove(ruleId, limit, sum, shownOn, max));
    }

    /** The ordered dose is above the reduced dose the label gives patients who meet enough of its criteria. */
    public void doseAboveReducedDose(String ruleId, DoseReduction reduction, DoseReduction.Assessment assessment,
                                     DoseFact dose) {
        report(perOrder("dose", dose.getOrderRef(), dose.getIngredient()),
                () -> DoseWording.aboveReducedDose(ruleId, reduction, assessment, dose));
    }

    /**
     * The dose is above the label's reduced dose, and whether the reduction applies depends on characteristics the
     * record does not give (or gives only unusable or stale values for): says which, as an info card.
     */
    public void doseReductionNotChecked(String ruleId, DoseReduction reduction, DoseReduction.Assessment assessment,
                                        DoseFact dose, PatientFact patient) {
        report(perOrder("dose", dose.getOrderRef(), dose.getIngredient()),
                () -> DoseWording.reductionNotChecked(ruleId, reduction, assessment, dose, patient));
    }

    // --------------------------------------------------------------------------------------------------- renal

    /** Renal function is below a label threshold where the drug is to be avoided (or not started). */
    public void renalAvoid(String ruleId, RenalLimit limit, MedicationFact drug, Double crcl, Double egfr) {
        report(perOrder("renal", drug.getOrderRef(), drug.getIngredient()),
                () -> RenalWording.avoid(ruleId, limit, drug, crcl, egfr));
    }

    /** The daily dose is above the label's cap for this renal function. */
    public void renalDoseAboveMax(String ruleId, RenalLimit limit, DoseFact dose, Double crcl, Double egfr) {
        report(perOrder("renal", dose.getOrderRef(), dose.getIngredient()),
                () -> RenalWording.doseAboveMax(ruleId, limit, dose, crcl, egfr));
    }

    /**
     * A renal daily cap applies at this patient's renal function, but the order's daily dose is unknown: no schedule,
     * a unit that cannot be converted, or a dose or schedule that is not usable.
     */
    public void renalDoseNotChecked(String ruleId, RenalLimit limit, DoseFact dose, Double crcl, Double egfr) {
        report(perOrder("renal", dose.getOrderRef(), dose.getIngredient()),
                () -> RenalWording.doseNotChecked(ruleId, limit, dose, crcl, egfr));
    }

    /** The drug has renal limits but the measure the label uses is unknown for this patient. */
    public void renalNotChecked(String ruleId, RenalLimit limit, MedicationFact drug) {
        renalNotChecked(ruleId, limit, drug, (String) null);
    }

    /**
     * As above, saying why the measure is unknown when the record holds values that were not used
     * ({@code unusable}, e.g. "the recorded serum creatinine (0 mg/dL) is outside the plausible range …"), or null.
     */
    public void renalNotChecked(String ruleId, RenalLimit limit, MedicationFact drug, String unusable) {
        renalNotChecked(ruleId, limit, drug, unusable, null, null);
    }

    /**
     * The drug has renal limits but the measure its label uses is unknown for this patient: says why (a value not
     * used, a stale laboratory value) and, for a limit stated in CrCl only, that an eGFR on record was not used instead.
     */
    public void renalNotChecked(String ruleId, RenalLimit limit, MedicationFact drug, PatientFact patient) {
        String measure = limit.measure();
        renalNotChecked(ruleId, limit, drug, patient.whyUnknown(measure), patient.staleFor(measure),
                "crcl".equals(measure) ? patient.getEgfr() : null);
    }

    private void renalNotChecked(String ruleId, RenalLimit limit, MedicationFact drug, String unusable, String stale,
                                 Double egfrOnRecord) {
        report(perOrder("renal", drug.getOrderRef(), drug.getIngredient()),
                () -> RenalWording.notChecked(ruleId, limit, drug, unusable, stale, egfrOnRecord));
    }

    // ----------------------------------------------------------------------------------------------- pregnancy

    /**
     * A label's pregnancy statement holds for this order at the patient's gestational age. One card per order and
     * ingredient: the most serious row wins, and a drug's own label wins a tie with a statement about its class.
     */
    public void pregnancy(String ruleId, PregnancyRow row, MedicationFact drug, Double gestationalWeeks) {
        String key = perOrder("pregnancy", drug.getOrderRef(), drug.getIngredient());
        PregnancyRow shown = pregnancyShown.get(key);
        if ((shown == null && byKey.containsKey(key)) || (shown != null && !PregnancyWording.preferred(row, shown))) {
            return;
        }
        pregnancyShown.put(key, row);
        byKey.put(key, PregnancyWording.finding(ruleId, row, drug, gestationalWeeks));
    }

    /** The label's pregnancy statements depend on a gestational age the record does not give: said, not guessed. */
    public void pregnancyGestationUnknown(String ruleId, List<PregnancyRow> rows, MedicationFact drug) {
        if (rows.stream().noneMatch(PregnancyRow::isGestationDependent)) {
            return;
        }
        report(perOrder("pregnancy", drug.getOrderRef(), drug.getIngredient()),
                () -> PregnancyWording.gestationUnknown(ruleId, rows, drug));
    }

    // --------------------------------------------------------------------------------------- not screened

    /**
     * Something could not be identified and so was not screened. A draft order or drug allergy gets its own card;
     * unidentified current medications are listed together on one card, so that a sparse knowledge base does not
     * bury the real alerts.
     */
    public void unscreened(String ruleId, UnscreenedFact fact, String affectedOrderRef) {
        if (fact.getKind().equals("active-medication")) {
            if (unscreenedActive.putIfAbsent(fact.getReference(), fact) == null) {
                unscreenedActiveRule = ruleId;
                unscreenedActiveOrder = unscreenedActiveOrder == null ? affectedOrderRef : unscreenedActiveOrder;
            }
            return;
        }
        report(ruleId + '|' + fact.getReference(), () -> UnscreenedWording.unidentified(ruleId, fact, affectedOrderRef));
    }

    /**
     * A measurement a check would use is recorded but not usable (implausible, not finite, unconvertible): it was not
     * used, and the card says what that leaves unchecked.
     */
    public void measurementNotUsed(String ruleId, UnusableMeasurementFact measurement, String affectedOrderRef) {
        report(ruleId + '|' + measurement.getMeasurement(),
                () -> UnscreenedWording.measurementNotUsed(ruleId, measurement, affectedOrderRef));
    }

    /**
     * Draft orders beyond the number screened in one evaluation: named on one card, never skipped silently. Added by
     * the evaluator, not a rule, so no ruleset or local tuning can switch it off.
     */
    void draftOrdersNotScreened(List<String> orderRefs, int screened) {
        if (!orderRefs.isEmpty()) {
            draftOrdersNotScreened = UnscreenedWording.draftOrdersNotScreened(DRAFT_ORDERS_NOT_SCREENED, orderRefs,
                    screened);
        }
    }
}
