package org.medsafety.engine;

import static org.medsafety.engine.CardText.capitalise;
import static org.medsafety.engine.CardText.describeBand;
import static org.medsafety.engine.CardText.number;
import static org.medsafety.engine.CardText.removeOrder;
import static org.medsafety.engine.CardText.table;

import org.medsafety.engine.Finding.SuggestedChange;
import org.medsafety.engine.facts.CumulativeDoseFact;
import org.medsafety.engine.facts.DoseFact;
import org.medsafety.engine.facts.PatientFact;
import org.medsafety.knowledge.DoseLimit;
import org.medsafety.knowledge.DoseReduction;
import org.medsafety.knowledge.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * The card text of the dose check: labelled maxima (single, daily, weekly, per kg), doses that add up across orders,
 * the once-weekly drug scheduled daily, reduced doses for patients who meet a label's criteria, and the info cards
 * that say why a dose was not checked.
 */
final class DoseWording {

    private DoseWording() {
    }

    /**
     * The ordered amount ({@code ordered}, in {@code unit}) is above {@code max}, which the label states per kg
     * ({@code perKg}) when {@code weightKg} is known.
     */
    static Finding above(String ruleId, DoseLimit limit, DoseFact dose, String which, double ordered, double max,
                         Double perKg, String unit, Double weightKg, Severity severity) {
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
        SuggestedChange change = DoseAdjustment.withinLimit(dose, limit, weightKg);
        if (change != null) {
            suggestions.add(change);
        }
        suggestions.add(removeOrder(dose.getOrderRef(), dose.getIngredientName()));
        return new Finding(ruleId, "dose", severity, severity.indicator(), limit.id(), summary,
                detail, dose.getOrderRef(), List.of(), List.of(dose.getIngredientName()),
                List.of(dose.getIngredient()), limit.source(), false, suggestions);
    }

    /** A drug the label doses once weekly is ordered on a daily schedule: fatal errors have followed. */
    static Finding weeklyDrugScheduledDaily(String ruleId, DoseLimit limit, DoseFact dose) {
        String summary = capitalise(dose.getIngredientName()) + " is dosed once weekly, but this order is "
                + number(dose.getDosesPerDay()) + " times a day";
        String detail = "**" + dose.getLabel() + "** (this order) is scheduled " + number(dose.getDosesPerDay())
                + " times a day. The label doses " + dose.getIngredientName() + " by this route **once weekly**; "
                + "daily dosing by mistake has caused deaths.\n\n" + table(new String[][] {
                        {"Label", limit.note()},
                        {"Source", limit.source().citation()}});
        return new Finding(ruleId, "dose", Severity.CONTRAINDICATED, Severity.CONTRAINDICATED.indicator(),
                limit.id(), summary, detail, dose.getOrderRef(), List.of(), List.of(dose.getIngredientName()),
                List.of(dose.getIngredient()), limit.source(), false, List.of(removeOrder(dose.getOrderRef(),
                dose.getIngredientName())));
    }

    /** A labelled limit exists but the dose could not be checked against it; says why, as an info card. */
    static Finding notChecked(String ruleId, DoseFact dose, String reason) {
        String summary = "Dose not checked: " + dose.getIngredientName() + " — " + reason;
        String detail = "**" + dose.getLabel() + "** (this order): " + reason + ", so the dose was **not checked** "
                + "against the labelled maximum for " + dose.getIngredientName() + ". Check the dose by other means.";
        return new Finding(ruleId, "dose", null, "info", null, summary, detail, dose.getOrderRef(), List.of(),
                List.of(dose.getIngredientName()), List.of(dose.getIngredient()), null, false, List.of());
    }

    /**
     * Orders of one ingredient add up past {@code max} mg/day, though none is above it alone; shown on the order
     * {@code shownOn}, naming every order that adds up.
     */
    static Finding cumulativeAbove(String ruleId, DoseLimit limit, CumulativeDoseFact sum,
                                   CumulativeDoseFact.Part shownOn, double max) {
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
        return new Finding(ruleId, "dose", Severity.MAJOR, Severity.MAJOR.indicator(), limit.id(), summary,
                detail.toString(), shownOn.orderRef(), related, List.of(name), List.of(sum.ingredient()),
                limit.source(), false, List.of(removeOrder(shownOn.orderRef(), name)));
    }

    /** The ordered dose is above the reduced dose the label gives patients who meet enough of its criteria. */
    static Finding aboveReducedDose(String ruleId, DoseReduction reduction, DoseReduction.Assessment assessment,
                                    DoseFact dose) {
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
        SuggestedChange change = DoseAdjustment.atMost(dose, reduction.maxSingleMg());
        if (change != null) {
            suggestions.add(change);
        }
        suggestions.add(removeOrder(dose.getOrderRef(), name));
        return new Finding(ruleId, "dose", reduction.severity(), reduction.severity().indicator(),
                reduction.id(), summary, detail, dose.getOrderRef(), List.of(), List.of(name),
                List.of(dose.getIngredient()), reduction.source(), false, suggestions);
    }

    /**
     * Whether the label's reduced dose applies depends on characteristics the record does not give (or gives only
     * unusable or stale values for): says which, and why each is unknown, as an info card.
     */
    static Finding reductionNotChecked(String ruleId, DoseReduction reduction, DoseReduction.Assessment assessment,
                                       DoseFact dose, PatientFact patient) {
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
        return new Finding(ruleId, "dose", null, "info", reduction.id(), summary, detail, dose.getOrderRef(),
                List.of(), List.of(name), List.of(dose.getIngredient()), reduction.source(), false, List.of());
    }

    private static String criteria(DoseReduction reduction) {
        return String.join(", ", reduction.criteria().stream().map(DoseReduction.Criterion::describe).toList());
    }
}
