package org.medsafety.engine;

import static org.medsafety.engine.CardText.capitalise;
import static org.medsafety.engine.CardText.describeBand;
import static org.medsafety.engine.CardText.lowerFirst;
import static org.medsafety.engine.CardText.number;
import static org.medsafety.engine.CardText.table;

import org.medsafety.engine.Finding.SuggestedChange;
import org.medsafety.engine.facts.AllergyFact;
import org.medsafety.engine.facts.CumulativeDoseFact;
import org.medsafety.engine.facts.PatientFact;
import org.medsafety.engine.facts.DoseFact;
import org.medsafety.engine.facts.MedicationFact;
import org.medsafety.engine.facts.UnscreenedFact;
import org.medsafety.engine.facts.UnusableMeasurementFact;
import org.medsafety.knowledge.CrossSensitivity;
import org.medsafety.knowledge.DoseLimit;
import org.medsafety.knowledge.DoseReduction;
import org.medsafety.knowledge.DuplicateTherapy;
import org.medsafety.knowledge.RenalLimit;
import org.medsafety.knowledge.Interaction;
import org.medsafety.knowledge.PregnancyRow;
import org.medsafety.knowledge.Severity;
import org.medsafety.knowledge.Source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects what rule consequences report during one evaluation (the DRL global {@code findings}) and writes the
 * clinical wording. One finding per problem: the same interaction seen from both draft orders, or through two
 * ingredients of one combination product, is reported once. One instance per request; not thread-safe.
 */
public final class Findings {

    static final int SUMMARY_LIMIT = 139;
    /** The evaluator's finding for draft orders beyond the engine's bound; not a rule, so it cannot be tuned away. */
    public static final String DRAFT_ORDERS_NOT_SCREENED = "DRAFT-ORDERS-NOT-SCREENED";
    /** Items a card lists by name before saying how many more there are. */
    static final int LISTED_ON_A_CARD = 20;

    private final Map<String, Finding> byKey = new LinkedHashMap<>();
    /** Unidentified current medications by reference: a set, since a rule reports each once per selected order. */
    private final Map<String, UnscreenedFact> unscreenedActive = new LinkedHashMap<>(0);
    private String unscreenedActiveRule;
    private String unscreenedActiveOrder;
    private Finding draftOrdersNotScreened;

    public List<Finding> list() {
        List<Finding> all = new ArrayList<>(byKey.values());
        if (!unscreenedActive.isEmpty()) {
            all.add(unscreenedActiveFinding());
        }
        if (draftOrdersNotScreened != null) {
            all.add(draftOrdersNotScreened);
        }
        return List.copyOf(all);
    }

    /** {@code draft} is the order being written; {@code other} the draft or active medication it interacts with. */
    public void interaction(String ruleId, Interaction interaction, MedicationFact draft, MedicationFact other) {
        // One card per interacting ingredient pair: the same pair reached through a renewal and the current
        // order, from both draft orders, or through two ingredients of one product, is one problem.
        String key = ruleId + '|' + interaction.id() + '|' + Math.min(draft.getIngredient(), other.getIngredient())
                + '|' + Math.max(draft.getIngredient(), other.getIngredient());
        if (byKey.containsKey(key)) {
            return;
        }
        Severity severity = interaction.severity();
        String summary = capitalise(severity.label()) + " interaction: " + draft.getIngredientName() + " + "
                + other.getIngredientName() + " — " + lowerFirst(interaction.clinicalEffect());
        String detail = "**" + draft.getLabel() + "** (this order) with **" + other.getLabel() + "** ("
                + (other.isDraft() ? "another order being written" : "current medication") + ").\n\n"
                + table(new String[][] {
                        {"Interaction", interaction.title()},
                        {"Severity", severity.label() + listNote(interaction)},
                        {"Clinical effect", interaction.clinicalEffect()},
                        {"Mechanism", interaction.mechanism()},
                        {"Management", interaction.management()},
                        {"Dose cap", interaction.objectMaxDailyMg() == null ? null : "the label allows up to "
                                + number(interaction.objectMaxDailyMg()) + " mg/day of the affected drug with this combination"},
                        {"Documentation", interaction.documentation()},
                        {"Source", interaction.source().citation()}});
        // A passive (minor) interaction informs; offering to delete the order would overstate it.
        List<SuggestedChange> suggestions = severity == Severity.MINOR ? List.of() : List.of(new SuggestedChange(
                SuggestedChange.Kind.REMOVE_ORDER, "Remove the " + draft.getIngredientName() + " order",
                draft.getOrderRef(), null, null, false));
        byKey.put(key, new Finding(ruleId, "interaction", severity, severity.indicator(), interaction.id(),
                summary, detail, draft.getOrderRef(), List.of(other.getOrderRef()),
                List.of(draft.getIngredientName(), other.getIngredientName()),
                List.of(draft.getIngredient(), other.getIngredient()), interaction.source(),
                interaction.isOncHighPriority(), suggestions));
    }

    private static String listNote(Interaction interaction) {
        return switch (interaction.list()) {
            case ONC_HIGH_PRIORITY -> " (ONC high-priority list: never suppressed)";
            case ONC_NON_INTERRUPTIVE -> " (ONC list of interactions that should not interrupt)";
            case NONE -> "";
        };
    }

    /** An allergy to the ordered ingredient itself ({@code row} null) or to a cross-sensitive one. */
    public void allergy(String ruleId, CrossSensitivity row, AllergyFact allergy, MedicationFact drug) {
        // Per ingredient and allergy, not per order: N orders of one drug are one problem (and N cards would bury it).
        String key = ruleId + '|' + drug.getIngredient() + '|' + allergy.getAllergyRef();
        if (byKey.containsKey(key)) {
            return;
        }
        Severity severity = row == null ? Severity.CONTRAINDICATED : row.severity();
        // FHIR criticality 'high' means a severe, life-threatening reaction is possible: a cross-sensitivity that
        // would otherwise warn becomes critical.
        boolean escalated = "high".equals(allergy.getCriticality()) && severity == Severity.MAJOR;
        if (escalated) {
            severity = Severity.CONTRAINDICATED;
        }
        String summary = "Allergy: " + drug.getIngredientName() + " ordered; patient allergic to "
                + allergy.getLabel();
        String relation = row == null ? "The patient has a recorded allergy or intolerance to this ingredient."
                : row.title() + ". " + (row.note() == null ? "" : row.note())
                + (escalated ? " Raised from major because the allergy is recorded with high criticality." : "");
        Source source = row == null ? new Source("The patient's allergy record", null) : row.source();
        String detail = "**" + drug.getLabel() + "** (this order) contains **" + drug.getIngredientName()
                + "**; the patient's record lists **" + allergy.getLabel() + "**"
                + (allergy.getCriticality() == null ? "" : " (criticality: " + allergy.getCriticality() + ")")
                + ".\n\n" + table(new String[][] {
                        {"Severity", severity.label()},
                        {"Why", relation},
                        {"Source", source.citation()}});
        List<SuggestedChange> suggestions = List.of(new SuggestedChange(SuggestedChange.Kind.REMOVE_ORDER,
                "Remove the " + drug.getIngredientName() + " order", drug.getOrderRef(), null, null, false));
        byKey.put(key, new Finding(ruleId, "allergy", severity, severity.indicator(), row == null ? null : row.id(),
                summary, detail, drug.getOrderRef(), List.of(allergy.getAllergyRef()),
                List.of(drug.getIngredientName()), List.of(drug.getIngredient()), source, false, suggestions));
    }

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

    /** A drug the label doses once weekly is ordered on a daily schedule: fatal errors have followed. */
    public void weeklyDrugScheduledDaily(String ruleId, DoseLimit limit, DoseFact dose) {
        String key = "dose|" + dose.getOrderRef() + '|' + dose.getIngredient();
        if (byKey.containsKey(key)) {
            return;
        }
        String summary = capitalise(dose.getIngredientName()) + " is dosed once weekly, but this order is "
                + number(dose.getDosesPerDay()) + " times a day";
        String detail = "**" + dose.getLabel() + "** (this order) is scheduled " + number(dose.getDosesPerDay())
                + " times a day. The label doses " + dose.getIngredientName() + " by this route **once weekly**; "
                + "daily dosing by mistake has caused deaths.\n\n" + table(new String[][] {
                        {"Label", limit.note()},
                        {"Source", limit.source().citation()}});
        byKey.put(key, new Finding(ruleId, "dose", Severity.CONTRAINDICATED, Severity.CONTRAINDICATED.indicator(),
                limit.id(), summary, detail, dose.getOrderRef(), List.of(), List.of(dose.getIngredientName()),
                List.of(dose.getIngredient()), limit.source(), false, List.of(removeOrder(dose.getOrderRef(),
                dose.getIngredientName()))));
    }

    private void doseAbove(String ruleId, DoseLimit limit, DoseFact dose, String which, Double ordered, Double max,
                           Double perKg, String unit, Double weightKg, Severity severity) {
        // One dose card per order and ingredient, even when several maxima are exceeded.
        String key = "dose|" + dose.getOrderRef() + '|' + dose.getIngredient();
        if (byKey.containsKey(key) || ordered == null || max == null) {
            return;
        }
        String summary = capitalise(dose.getIngredientName()) + " " + number(ordered) + " " + unit
                + " is above the labelled maximum of " + number(max) + " " + unit;
        String basis = perKg == null || weightKg == null ? null
                : number(perKg) + " mg/kg × " + number(weightKg) + " kg" + (max < perKg * weightKg - 1e-6
                ? ", capped at " + number(max) + " " + unit : "");
        String detail = "**" + dose.getLabel() + "** (this order) gives " + number(dose.getMgPerDose())
                + " mg of " + dose.getIngredientName() + " per dose"
                + (dose.getMgPerDay() == null ? "" : ", " + number(dose.getMgPerDay()) + " mg per day") + ".\n\n"
                + table(new String[][] {
                        {"Maximum " + which + " dose", number(max) + " " + unit},
                        {"Worked out from", basis},
                        {"Applies to", describeBand(limit)},
                        {"Label", limit.note()},
                        {"Source", limit.source().citation()}});
        List<SuggestedChange> suggestions = new ArrayList<>(2);
        SuggestedChange change = adjustedDose(dose, limit, weightKg);
        if (change != null) {
            suggestions.add(change);
        }
        suggestions.add(removeOrder(dose.getOrderRef(), dose.getIngredientName()));
        byKey.put(key, new Finding(ruleId, "dose", severity, severity.indicator(), limit.id(), summary,
                detail, dose.getOrderRef(), List.of(), List.of(dose.getIngredientName()),
                List.of(dose.getIngredient()), limit.source(), false, suggestions));
    }

    /** A labelled limit exists but the dose could not be checked against it; says why, as an info card. */
    public void doseNotChecked(String ruleId, DoseFact dose, String reason) {
        String key = "dose|" + dose.getOrderRef() + '|' + dose.getIngredient();
        if (byKey.containsKey(key)) {
            return;
        }
        String summary = "Dose not checked: " + dose.getIngredientName() + " — " + reason;
        String detail = "**" + dose.getLabel() + "** (this order): " + reason + ", so the dose was **not checked** "
                + "against the labelled maximum for " + dose.getIngredientName() + ". Check the dose by other means.";
        byKey.put(key, new Finding(ruleId, "dose", null, "info", null, summary, detail, dose.getOrderRef(), List.of(),
                List.of(dose.getIngredientName()), List.of(dose.getIngredient()), null, false, List.of()));
    }

    /** The largest dose in the prescriber's own unit that respects the limit, or null if none is sensible. */
    private static SuggestedChange adjustedDose(DoseFact dose, DoseLimit limit, Double weightKg) {
        if (dose.getMgPerDose() == null || dose.getDoseValue() <= 0) {
            return null;
        }
        double allowedMg = Double.MAX_VALUE;
        Double single = limit.singleMaxFor(weightKg);
        Double daily = limit.dailyMaxFor(weightKg);
        if (single != null) {
            allowedMg = single;
        }
        if (daily != null && dose.getDosesPerDay() != null && dose.getDosesPerDay() > 0) {
            allowedMg = Math.min(allowedMg, daily / dose.getDosesPerDay());
        }
        if (limit.maxWeeklyMg() != null && dose.getDosesPerDay() != null && dose.getDosesPerDay() > 0) {
            allowedMg = Math.min(allowedMg, limit.maxWeeklyMg() / (dose.getDosesPerDay() * 7));
        }
        return smallerDose(dose, allowedMg);
    }

    private static SuggestedChange smallerDose(DoseFact dose, double allowedMg) {
        if (dose.getMgPerDose() == null || dose.getDoseValue() <= 0 || allowedMg == Double.MAX_VALUE) {
            return null;
        }
        double mgPerUnit = dose.getMgPerDose() / dose.getDoseValue();
        double units = allowedMg / mgPerUnit;
        double newValue = dose.isCountedUnits() ? Math.floor(units + 1e-9) : Math.floor(units * 10 + 1e-9) / 10;
        if (newValue <= 0 || newValue >= dose.getDoseValue()) {
            return null;
        }
        String unitText = dose.getDoseUnit() == null ? (newValue == 1 ? "unit" : "units") : dose.getDoseUnit();
        return new SuggestedChange(SuggestedChange.Kind.CHANGE_DOSE, "Change the dose to " + number(newValue) + " "
                + unitText + " (" + number(newValue * mgPerUnit) + " mg) per dose", dose.getOrderRef(), newValue,
                dose.getDoseUnit(), true);
    }

    private static SuggestedChange removeOrder(String orderRef, String ingredientName) {
        return new SuggestedChange(SuggestedChange.Kind.REMOVE_ORDER, "Remove the " + ingredientName + " order",
                orderRef, null, null, false);
    }

    /** Renal function is below a label threshold where the drug is to be avoided (or not started). */
    public void renalAvoid(String ruleId, RenalLimit limit, MedicationFact drug, Double crcl, Double egfr) {
        String key = "renal|" + drug.getOrderRef() + '|' + drug.getIngredient();
        if (byKey.containsKey(key)) {
            return;
        }
        double value = limit.valueFor(crcl, egfr);
        String measure = limit.measureLabelFor(crcl, egfr);
        String unit = limit.measureUnitFor(crcl, egfr);
        boolean initiation = limit.action().equals("avoid-initiation");
        String summary = capitalise(drug.getIngredientName()) + (initiation ? " should not be started" : " should be avoided")
                + " at " + measure + " " + number(value) + " " + unit;
        String detail = "**" + drug.getLabel() + "** (this order): the patient's " + measure + " is **"
                + number(value) + " " + unit + "**.\n\n" + table(new String[][] {
                        {"Label threshold", bandText(limit)},
                        {"Severity", limit.severity().label()},
                        {"Label", limit.note()},
                        {"Source", limit.source().citation()}});
        byKey.put(key, new Finding(ruleId, "renal", limit.severity(), limit.severity().indicator(), limit.id(),
                summary, detail, drug.getOrderRef(), List.of(), List.of(drug.getIngredientName()),
                List.of(drug.getIngredient()), limit.source(), false,
                List.of(removeOrder(drug.getOrderRef(), drug.getIngredientName()))));
    }

    /** The daily dose is above the label's cap for this renal function. */
    public void renalDoseAboveMax(String ruleId, RenalLimit limit, DoseFact dose, Double crcl, Double egfr) {
        String key = "renal|" + dose.getOrderRef() + '|' + dose.getIngredient();
        if (byKey.containsKey(key)) {
            return;
        }
        double value = limit.valueFor(crcl, egfr);
        String measure = limit.measureLabelFor(crcl, egfr);
        String summary = capitalise(dose.getIngredientName()) + " " + number(dose.getMgPerDay()) + " mg/day is above "
                + number(limit.maxDailyMg()) + " mg/day for " + measure + " " + number(value);
        String detail = "**" + dose.getLabel() + "** (this order) gives " + number(dose.getMgPerDay())
                + " mg/day; the patient's " + measure + " is **" + number(value) + " "
                + limit.measureUnitFor(crcl, egfr) + "**.\n\n" + table(new String[][] {
                        {"Maximum daily dose", number(limit.maxDailyMg()) + " mg/day when " + bandText(limit)},
                        {"Label", limit.note()},
                        {"Source", limit.source().citation()}});
        List<SuggestedChange> suggestions = new ArrayList<>(2);
        if (dose.getDosesPerDay() != null && dose.getDosesPerDay() > 0) {
            SuggestedChange change = smallerDose(dose, limit.maxDailyMg() / dose.getDosesPerDay());
            if (change != null) {
                suggestions.add(change);
            }
        }
        suggestions.add(removeOrder(dose.getOrderRef(), dose.getIngredientName()));
        byKey.put(key, new Finding(ruleId, "renal", limit.severity(), limit.severity().indicator(), limit.id(),
                summary, detail, dose.getOrderRef(), List.of(), List.of(dose.getIngredientName()),
                List.of(dose.getIngredient()), limit.source(), false, suggestions));
    }

    /**
     * A renal daily cap applies at this patient's renal function, but the order's daily dose is unknown: no schedule,
     * a unit that cannot be converted, or a dose or schedule that is not usable.
     */
    public void renalDoseNotChecked(String ruleId, RenalLimit limit, DoseFact dose, Double crcl, Double egfr) {
        String key = "renal|" + dose.getOrderRef() + '|' + dose.getIngredient();
        if (byKey.containsKey(key)) {
            return;
        }
        String reason = dose.getProblem() != null ? dose.getProblem()
                : dose.getMgPerDose() == null ? "the ordered dose could not be converted to mg"
                : "the order gives no schedule, so the daily dose is unknown";
        double value = limit.valueFor(crcl, egfr);
        String summary = "Renal dose not checked: " + dose.getIngredientName() + " — " + reason;
        String detail = "The label caps **" + dose.getIngredientName() + "** at " + number(limit.maxDailyMg())
                + " mg/day when " + bandText(limit) + ", and the patient's " + limit.measureLabelFor(crcl, egfr) + " is **"
                + number(value) + " " + limit.measureUnitFor(crcl, egfr) + "**. **" + dose.getLabel() + "** (this order): " + reason
                + ", so its daily dose was **not checked** against that cap.\n\n" + table(new String[][] {
                        {"Label", limit.note()},
                        {"Source", limit.source().citation()}});
        byKey.put(key, new Finding(ruleId, "renal", null, "info", limit.id(), summary, detail, dose.getOrderRef(),
                List.of(), List.of(dose.getIngredientName()), List.of(dose.getIngredient()), limit.source(), false,
                List.of()));
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
     * @param stale        the stale measurements behind the unknown measure ("serum creatinine"), or null
     * @param egfrOnRecord the patient's usable eGFR when the limit is stated in CrCl only, or null: it is named and
     *                     said not to be used in CrCl's place
     */
    private void renalNotChecked(String ruleId, RenalLimit limit, MedicationFact drug, String unusable, String stale,
                                 Double egfrOnRecord) {
        String key = "renal|" + drug.getOrderRef() + '|' + drug.getIngredient();
        if (byKey.containsKey(key)) {
            return;
        }
        String summary = stale != null
                ? "Renal dosing not checked: the latest " + stale + " is stale (" + drug.getIngredientName() + ")"
                : "Renal dosing not checked: no " + (unusable == null ? "" : "usable ") + limit.measureLabel()
                + " for this patient (" + drug.getIngredientName() + ")";
        String why = unusable != null ? ", but it could not be worked out: " + unusable
                : ", but the patient's record gave no value"
                + (!"egfr".equals(limit.measure()) ? " (CrCl needs age, sex, weight and serum creatinine)" : "");
        String instead = egfrOnRecord == null ? "" : " The eGFR on record (" + number(egfrOnRecord)
                + " mL/min/1.73 m²) was not used in its place: the label states this limit in CrCl (Cockcroft–Gault), "
                + "and the service's sources give no basis for dosing this drug by eGFR instead.";
        String detail = "The label of **" + drug.getIngredientName() + "** limits its use by " + limit.measureLabel()
                + " (" + bandText(limit) + ")" + why
                + ". **" + drug.getLabel() + "** (this order) was **not checked** against renal limits." + instead;
        byKey.put(key, new Finding(ruleId, "renal", null, "info", limit.id(), summary, detail, drug.getOrderRef(),
                List.of(), List.of(drug.getIngredientName()), List.of(drug.getIngredient()), limit.source(), false,
                List.of()));
    }

    /**
     * A measurement a check would use is recorded but not usable (implausible, not finite, unconvertible): it was not
     * used, and the card says what that leaves unchecked.
     */
    public void measurementNotUsed(String ruleId, UnusableMeasurementFact measurement, String affectedOrderRef) {
        String key = ruleId + '|' + measurement.getMeasurement();
        if (byKey.containsKey(key)) {
            return;
        }
        String summary = "Not used: " + measurement.getSentence();
        String consequence = switch (measurement.getMeasurement()) {
            case WEIGHT -> "Dose limits per kg were not worked out (limits in mg still apply), and neither was CrCl "
                    + "(Cockcroft–Gault), so renal limits stated by CrCl were not checked.";
            case AGE -> "Dose limits were checked against the general adult limits only (no age band), and CrCl "
                    + "(Cockcroft–Gault) was not worked out, so renal limits stated by CrCl were not checked.";
            case SERUM_CREATININE -> "CrCl (Cockcroft–Gault) was not worked out, so renal limits stated by CrCl were "
                    + "not checked.";
            case EGFR -> "Renal limits stated by eGFR were not checked.";
            case HEIGHT -> "No check uses height.";
        };
        String detail = capitalise(measurement.getSentence()) + ", so it was **not used**. " + consequence
                + "\n\nCheck the record; the bounds are in the service's clinical content documentation.";
        byKey.put(key, new Finding(ruleId, "unscreened", null, "info", null, summary, detail, affectedOrderRef,
                List.of(), List.of(), List.of(), null, false, List.of()));
    }

    /**
     * Draft orders beyond the number screened in one evaluation: named on one card, never skipped silently. Added by
     * the evaluator, not a rule, so no ruleset or local tuning can switch it off.
     */
    void draftOrdersNotScreened(List<String> orderRefs, int screened) {
        if (orderRefs.isEmpty()) {
            return;
        }
        String summary = "Not screened: " + orderRefs.size() + " draft orders beyond the first " + screened
                + " in this request";
        StringBuilder detail = new StringBuilder("At most " + screened + " draft orders are screened in one request; "
                + "these were **not checked** for interactions, allergies, doses, renal limits or duplication:\n\n");
        orderRefs.stream().limit(LISTED_ON_A_CARD).forEach(r -> detail.append("- ").append(r).append('\n'));
        if (orderRefs.size() > LISTED_ON_A_CARD) {
            detail.append("- and ").append(orderRefs.size() - LISTED_ON_A_CARD).append(" more\n");
        }
        detail.append("\nSend them in a separate request to have them screened.");
        draftOrdersNotScreened = new Finding(DRAFT_ORDERS_NOT_SCREENED, "unscreened", null, "info", null,
                summary, detail.toString(), orderRefs.get(0), orderRefs.stream().limit(LISTED_ON_A_CARD).toList(),
                List.of(), List.of(), null, false, List.of());
    }

    private static String bandText(RenalLimit limit) {
        String band = limit.atOrAbove() == null ? " below " + number(limit.below())
                : " " + number(limit.atOrAbove()) + " to below " + number(limit.below());
        String text = switch (limit.measure()) {
            case "crcl" -> "CrCl" + band + " mL/min";
            case "egfr" -> "eGFR" + band + " mL/min/1.73 m²";
            default -> "CrCl" + band + " mL/min or eGFR" + band + " mL/min/1.73 m²";
        };
        return text + (limit.action().equals("avoid-initiation") ? ": do not start" : "");
    }

    /** The same ingredient twice ({@code row} null), or two drugs of a duplicate-therapy class. */
    public void duplicate(String ruleId, DuplicateTherapy row, MedicationFact draft, MedicationFact other) {
        // Per ingredient pair, not per order pair: N orders of one drug are one duplication, not N² cards.
        String key = "duplicate|" + ruleId + '|' + Math.min(draft.getIngredient(), other.getIngredient()) + '|'
                + Math.max(draft.getIngredient(), other.getIngredient());
        if (byKey.containsKey(key)) {
            return;
        }
        Severity severity = row == null ? Severity.MODERATE : row.severity();
        String where = other.isDraft() ? "another order being written" : "a current medication";
        String summary = row == null
                ? "Duplicate: " + draft.getIngredientName() + " is also in " + where
                : "Duplicate therapy: " + draft.getIngredientName() + " and " + other.getIngredientName() + " are both "
                + row.drugClass().name();
        String detail = "**" + draft.getLabel() + "** (this order) and **" + other.getLabel() + "** (" + where + ")"
                + (row == null ? " contain the same ingredient, **" + draft.getIngredientName() + "**."
                : " are both " + row.drugClass().name() + ".") + "\n\n" + table(new String[][] {
                        {"Severity", severity.label()},
                        {"Note", row == null ? "If this order replaces the other, stop the other one." : row.note()},
                        {"Source", row == null ? null : row.source().citation()}});
        byKey.put(key, new Finding(ruleId, "duplicate", severity, severity.indicator(), row == null ? null : row.id(),
                summary, detail, draft.getOrderRef(), List.of(other.getOrderRef()),
                row == null ? List.of(draft.getIngredientName())
                        : List.of(draft.getIngredientName(), other.getIngredientName()),
                List.of(draft.getIngredient(), other.getIngredient()), row == null ? null : row.source(), false,
                List.of(removeOrder(draft.getOrderRef(), draft.getIngredientName()))));
    }

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
        String key = ruleId + '|' + fact.getReference();
        if (byKey.containsKey(key)) {
            return;
        }
        boolean draft = fact.getKind().equals("draft-order");
        String what = draft ? "this order" : "a recorded drug allergy";
        String summary = "Not screened: " + what + " (" + fact.getLabel() + ") could not be identified";
        String parts = fact.getParts().isEmpty() || (fact.getParts().size() == 1 && fact.getParts().get(0)
                .equalsIgnoreCase(fact.getLabel())) ? "" : "\n\nNot identified: " + String.join("; ", fact.getParts()) + ".";
        String detail = "**" + fact.getLabel() + "** (" + what + ") is not in this service's knowledge base, so "
                + (draft ? "it was **not checked** for interactions, allergies or dose."
                         : "the orders being written were **not checked** against it.")
                + parts + "\n\nCheck it by other means; the pharmacy can add it to the knowledge base.";
        byKey.put(key, new Finding(ruleId, "unscreened", null, "info", null, summary, detail, affectedOrderRef,
                List.of(fact.getReference()), List.of(), List.of(), null, false, List.of()));
    }

    private Finding unscreenedActiveFinding() {
        List<UnscreenedFact> all = List.copyOf(unscreenedActive.values());
        List<String> labels = all.stream().map(UnscreenedFact::getLabel).toList();
        String summary = labels.size() == 1
                ? "Not screened against a current medication that could not be identified: " + labels.get(0)
                : "Not screened against " + labels.size() + " current medications that could not be identified";
        StringBuilder detail = new StringBuilder("These current medications are not in this service's knowledge base, "
                + "so the orders being written were **not checked** for interactions with them:\n\n");
        // A card is read by a person: the first ones named, and how many more.
        labels.stream().limit(LISTED_ON_A_CARD).forEach(l -> detail.append("- ").append(l).append('\n'));
        if (labels.size() > LISTED_ON_A_CARD) {
            detail.append("- and ").append(labels.size() - LISTED_ON_A_CARD).append(" more\n");
        }
        detail.append("\nCheck them by other means; the pharmacy can add them to the knowledge base.");
        return new Finding(unscreenedActiveRule, "unscreened", null, "info", null, summary, detail.toString(),
                unscreenedActiveOrder, all.stream().limit(LISTED_ON_A_CARD).map(UnscreenedFact::getReference).toList(),
                List.of(), List.of(), null, false, List.of());
    }

    // ---- Renewals, cumulative doses, dose-reduction criteria, renal function by either measure (issue 9) ----

    /**
     * The drug has renal limits but the measure its label uses is unknown for this patient: says why (a value not
     * used, a stale laboratory value) and, for a limit stated in CrCl only, that an eGFR on record was not used instead.
     */
    public void renalNotChecked(String ruleId, RenalLimit limit, MedicationFact drug, PatientFact patient) {
        String measure = limit.measure();
        renalNotChecked(ruleId, limit, drug, patient.whyUnknown(measure), patient.staleFor(measure),
                "crcl".equals(measure) ? patient.getEgfr() : null);
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
        String key = "dose|" + shownOn.orderRef() + '|' + sum.ingredient();
        if (byKey.containsKey(key)) {
            return;
        }
        List<CumulativeDoseFact.Part> parts = sum.partsFor(limit);
        double total = sum.totalFor(limit);
        String name = sum.ingredientName();
        String summary = capitalise(name) + " " + number(total) + " mg/day from " + parts.size()
                + " orders together is above the labelled maximum of " + number(max) + " mg/day";
        StringBuilder detail = new StringBuilder("These orders together give **" + number(total) + " mg/day** of "
                + name + ", above the labelled maximum of " + number(max) + " mg/day; none is above it alone:\n\n");
        for (CumulativeDoseFact.Part p : parts) {
            detail.append("- **").append(p.label()).append("** (").append(p.orderRef().equals(shownOn.orderRef())
                    ? "this order" : p.draft() ? "another order being written" : "current medication")
                    .append("): ").append(number(p.mgPerDay())).append(" mg/day\n");
        }
        if (!sum.uncounted().isEmpty()) {
            detail.append("\nNot counted, daily dose unknown: ").append(String.join("; ", sum.uncounted()))
                    .append(".\n");
        }
        detail.append('\n').append(table(new String[][] {
                {"Maximum daily dose", number(max) + " mg/day"},
                {"Applies to", describeBand(limit)},
                {"Label", limit.note()},
                {"Source", limit.source().citation()}}));
        List<String> related = parts.stream().map(CumulativeDoseFact.Part::orderRef)
                .filter(r -> !r.equals(shownOn.orderRef())).toList();
        Finding finding = new Finding(ruleId, "dose", Severity.MAJOR, Severity.MAJOR.indicator(), limit.id(), summary,
                detail.toString(), shownOn.orderRef(), related, List.of(name), List.of(sum.ingredient()),
                limit.source(), false, List.of(removeOrder(shownOn.orderRef(), name)));
        byKey.put(key, finding);
    }

    /** The ordered dose is above the reduced dose the label gives patients who meet enough of its criteria. */
    public void doseAboveReducedDose(String ruleId, DoseReduction reduction, DoseReduction.Assessment assessment,
                                     DoseFact dose) {
        String key = "dose|" + dose.getOrderRef() + '|' + dose.getIngredient();
        if (byKey.containsKey(key)) {
            return;
        }
        String name = dose.getIngredientName();
        String summary = capitalise(name) + " " + number(dose.getMgPerDose()) + " mg per dose is above the "
                + number(reduction.maxSingleMg()) + " mg the label gives patients like this one";
        String detail = "**" + dose.getLabel() + "** (this order) gives " + number(dose.getMgPerDose()) + " mg of "
                + name + " per dose. The label recommends at most **" + number(reduction.maxSingleMg())
                + " mg per dose** in patients with at least " + reduction.needed() + " of: " + criteria(reduction)
                + ". This patient has " + String.join("; ", assessment.met()) + ".\n\n" + table(new String[][] {
                        {"Severity", reduction.severity().label()},
                        {"Label", reduction.note()},
                        {"Source", reduction.source().citation()}});
        List<SuggestedChange> suggestions = new ArrayList<>(2);
        SuggestedChange change = smallerDose(dose, reduction.maxSingleMg());
        if (change != null) {
            suggestions.add(change);
        }
        suggestions.add(removeOrder(dose.getOrderRef(), name));
        byKey.put(key, new Finding(ruleId, "dose", reduction.severity(), reduction.severity().indicator(),
                reduction.id(), summary, detail, dose.getOrderRef(), List.of(), List.of(name),
                List.of(dose.getIngredient()), reduction.source(), false, suggestions));
    }

    /**
     * The dose is above the label's reduced dose, and whether the reduction applies depends on characteristics the
     * record does not give (or gives only unusable or stale values for): says which, as an info card.
     */
    public void doseReductionNotChecked(String ruleId, DoseReduction reduction, DoseReduction.Assessment assessment,
                                        DoseFact dose, PatientFact patient) {
        String key = "dose|" + dose.getOrderRef() + '|' + dose.getIngredient();
        if (byKey.containsKey(key)) {
            return;
        }
        String name = dose.getIngredientName();
        String summary = "Dose reduction not checked: " + name + " — " + String.join(", ", assessment.unknown())
                + " unknown";
        List<String> why = new ArrayList<>(2);
        for (DoseReduction.Criterion c : reduction.criteria()) {
            if (assessment.unknown().contains(c.describe())) {
                why.add(switch (c.measure()) {
                    case WEIGHT_KG -> patient.whyNoWeight();
                    case SERUM_CREATININE_MG_DL -> patient.whyNoSerumCreatinine();
                    case AGE_YEARS -> "no usable birth date is recorded";
                });
            }
        }
        String detail = "The label recommends at most " + number(reduction.maxSingleMg()) + " mg of " + name
                + " per dose in patients with at least " + reduction.needed() + " of: " + criteria(reduction) + ". "
                + (assessment.met().isEmpty() ? "None is known to hold" : "This patient has "
                + String.join("; ", assessment.met())) + "; " + String.join(" and ", why)
                + ". **" + dose.getLabel() + "** (this order, " + number(dose.getMgPerDose()) + " mg per dose) was "
                + "**not checked** against the reduced dose.\n\n" + table(new String[][] {
                        {"Label", reduction.note()},
                        {"Source", reduction.source().citation()}});
        byKey.put(key, new Finding(ruleId, "dose", null, "info", reduction.id(), summary, detail, dose.getOrderRef(),
                List.of(), List.of(name), List.of(dose.getIngredient()), reduction.source(), false, List.of()));
    }

    private static String criteria(DoseReduction reduction) {
        return String.join(", ", reduction.criteria().stream().map(DoseReduction.Criterion::describe).toList());
    }

    // --- pregnancy (knowledge-base/pregnancy.csv); wording in PregnancyWording ---

    /** The row shown on each order's one pregnancy card, so that a more serious or more specific row can replace it. */
    private final Map<String, PregnancyRow> pregnancyShown = new java.util.HashMap<>(0);

    /**
     * A label's pregnancy statement holds for this order at the patient's gestational age. One card per order and
     * ingredient: the most serious row wins, and a drug's own label wins a tie with a statement about its class.
     */
    public void pregnancy(String ruleId, PregnancyRow row, MedicationFact drug, Double gestationalWeeks) {
        String key = "pregnancy|" + drug.getOrderRef() + '|' + drug.getIngredient();
        PregnancyRow shown = pregnancyShown.get(key);
        if ((shown == null && byKey.containsKey(key)) || (shown != null && !PregnancyWording.preferred(row, shown))) {
            return;
        }
        pregnancyShown.put(key, row);
        byKey.put(key, PregnancyWording.finding(ruleId, row, drug, gestationalWeeks));
    }

    /** The label's pregnancy statements depend on a gestational age the record does not give: said, not guessed. */
    public void pregnancyGestationUnknown(String ruleId, List<PregnancyRow> rows, MedicationFact drug) {
        String key = "pregnancy|" + drug.getOrderRef() + '|' + drug.getIngredient();
        if (byKey.containsKey(key) || rows.stream().noneMatch(PregnancyRow::isGestationDependent)) {
            return;
        }
        byKey.put(key, PregnancyWording.gestationUnknown(ruleId, rows, drug));
    }

    // ------------------------------------------------ patient context of interactions (interaction-modifiers.csv)

    private InteractionContext context;

    /** The patient context the interaction modifiers read; the evaluator sets it before the rules run. */
    void useContext(InteractionContext context) {
        this.context = context;
    }

    /**
     * As {@link #interaction}, with the patient's context applied: the row's modifiers may withhold the card (the
     * warning is about other patients), change its severity, or add what applied; the card says which factors did.
     */
    public void interactionInContext(String ruleId, Interaction interaction, MedicationFact draft, MedicationFact other) {
        String key = ruleId + '|' + interaction.id() + '|' + Math.min(draft.getIngredient(), other.getIngredient())
                + '|' + Math.max(draft.getIngredient(), other.getIngredient());
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
            byKey.computeIfPresent(key, (k, f) -> inContext(f, assessment, draft));
        }
    }

    private static Finding inContext(Finding f, ContextAssessment a, MedicationFact draft) {
        Severity to = a.severity();
        String summary = f.summary();
        String detail = f.detail();
        if (to != a.base()) {
            summary = capitalise(to.label()) + summary.substring(a.base().label().length())
                    + (a.change() == null ? "" : " (" + a.change() + ")");
            detail = detail.replaceFirst("\\| Severity \\| " + a.base().label(), "| Severity | " + to.label()
                    + " (" + (to.ordinal() < a.base().ordinal() ? "raised" : "lowered") + " from " + a.base().label()
                    + " for this patient)");
        }
        if (a.detail() != null) {
            detail = detail + "\n" + a.detail();
        }
        List<SuggestedChange> suggestions = to == Severity.MINOR ? List.of() : !f.suggestions().isEmpty()
                ? f.suggestions() : List.of(removeOrder(draft.getOrderRef(), draft.getIngredientName()));
        return new Finding(f.ruleId(), f.check(), to, to.indicator(), f.knowledgeId(), summary, detail, f.orderRef(),
                f.relatedRefs(), f.drugs(), f.rxcuis(), f.source(), f.oncHighPriority(), suggestions);
    }
}
