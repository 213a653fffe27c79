package org.medsafety.engine;

import org.medsafety.engine.Finding.SuggestedChange;
import org.medsafety.engine.facts.AllergyFact;
import org.medsafety.engine.facts.DoseFact;
import org.medsafety.engine.facts.MedicationFact;
import org.medsafety.engine.facts.UnscreenedFact;
import org.medsafety.knowledge.CrossSensitivity;
import org.medsafety.knowledge.DoseLimit;
import org.medsafety.knowledge.Interaction;
import org.medsafety.knowledge.Severity;
import org.medsafety.knowledge.Source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects what rule consequences report during one evaluation (the DRL global {@code findings}) and writes the
 * clinical wording. One finding per problem: the same interaction seen from both draft orders, or through two
 * ingredients of one combination product, is reported once. One instance per request; not thread-safe.
 */
public final class Findings {

    static final int SUMMARY_LIMIT = 139;

    private final Map<String, Finding> byKey = new LinkedHashMap<>();
    private final List<UnscreenedFact> unscreenedActive = new ArrayList<>(0);
    private String unscreenedActiveRule;
    private String unscreenedActiveOrder;

    public List<Finding> list() {
        if (unscreenedActive.isEmpty()) {
            return List.copyOf(byKey.values());
        }
        List<Finding> all = new ArrayList<>(byKey.values());
        all.add(unscreenedActiveFinding());
        return List.copyOf(all);
    }

    /** {@code draft} is the order being written; {@code other} the draft or active medication it interacts with. */
    public void interaction(String ruleId, Interaction interaction, MedicationFact draft, MedicationFact other) {
        String key = ruleId + '|' + interaction.id() + '|' + pairKey(draft.getOrderRef(), other.getOrderRef());
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
                        {"Severity", severity.label() + (interaction.oncHighPriority() ? " (ONC high-priority list)" : "")},
                        {"Clinical effect", interaction.clinicalEffect()},
                        {"Mechanism", interaction.mechanism()},
                        {"Management", interaction.management()},
                        {"Documentation", interaction.documentation()},
                        {"Source", interaction.source().citation()}});
        List<SuggestedChange> suggestions = List.of(new SuggestedChange(SuggestedChange.Kind.REMOVE_ORDER,
                "Remove the " + draft.getIngredientName() + " order", draft.getOrderRef(), null, null, false));
        byKey.put(key, new Finding(ruleId, "interaction", severity, severity.indicator(), interaction.id(),
                summary, detail, draft.getOrderRef(), List.of(other.getOrderRef()),
                List.of(draft.getIngredientName(), other.getIngredientName()),
                List.of(draft.getRxcui(), other.getRxcui()), interaction.source(), interaction.oncHighPriority(),
                suggestions));
    }

    /** An allergy to the ordered ingredient itself ({@code row} null) or to a cross-sensitive one. */
    public void allergy(String ruleId, CrossSensitivity row, AllergyFact allergy, MedicationFact drug) {
        String key = ruleId + '|' + drug.getOrderRef() + '|' + allergy.getAllergyRef();
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
                List.of(drug.getIngredientName()), List.of(drug.getRxcui()), source, false, suggestions));
    }

    /** The ordered single dose is above the label's maximum single dose. */
    public void singleDoseAboveMax(String ruleId, DoseLimit limit, DoseFact dose) {
        doseAbove(ruleId, limit, dose, "single", dose.getMgPerDose(), limit.maxSingleMg(), "mg per dose");
    }

    /** The ordered daily total is above the label's maximum daily dose. */
    public void dailyDoseAboveMax(String ruleId, DoseLimit limit, DoseFact dose) {
        doseAbove(ruleId, limit, dose, "daily", dose.getMgPerDay(), limit.maxDailyMg(), "mg/day");
    }

    private void doseAbove(String ruleId, DoseLimit limit, DoseFact dose, String which, double ordered, double max,
                           String unit) {
        // One dose card per order and ingredient, even when both the single and the daily maximum are exceeded.
        String key = "dose|" + dose.getOrderRef() + '|' + dose.getRxcui();
        if (byKey.containsKey(key)) {
            return;
        }
        String summary = capitalise(dose.getIngredientName()) + " " + number(ordered) + " " + unit
                + " is above the labelled maximum of " + number(max) + " " + unit;
        String detail = "**" + dose.getLabel() + "** (this order) gives " + number(dose.getMgPerDose())
                + " mg of " + dose.getIngredientName() + " per dose"
                + (dose.getMgPerDay() == null ? "" : ", " + number(dose.getMgPerDay()) + " mg per day") + ".\n\n"
                + table(new String[][] {
                        {"Maximum " + which + " dose", number(max) + " " + unit},
                        {"Applies to", describeBand(limit)},
                        {"Label", limit.note()},
                        {"Source", limit.source().citation()}});
        List<SuggestedChange> suggestions = new ArrayList<>(2);
        SuggestedChange change = adjustedDose(dose, limit);
        if (change != null) {
            suggestions.add(change);
        }
        suggestions.add(new SuggestedChange(SuggestedChange.Kind.REMOVE_ORDER,
                "Remove the " + dose.getIngredientName() + " order", dose.getOrderRef(), null, null, false));
        byKey.put(key, new Finding(ruleId, "dose", Severity.MAJOR, Severity.MAJOR.indicator(), limit.id(), summary,
                detail, dose.getOrderRef(), List.of(), List.of(dose.getIngredientName()), List.of(dose.getRxcui()),
                limit.source(), false, suggestions));
    }

    /** A labelled limit exists but the ordered dose could not be converted to mg, so it was not checked. */
    public void doseNotChecked(String ruleId, DoseFact dose) {
        String key = "dose|" + dose.getOrderRef() + '|' + dose.getRxcui();
        if (byKey.containsKey(key)) {
            return;
        }
        String unit = dose.getDoseUnit() == null ? "" : " " + dose.getDoseUnit();
        String summary = "Dose not checked: " + dose.getIngredientName() + " dose of " + number(dose.getDoseValue())
                + unit + " could not be converted to mg";
        String detail = "**" + dose.getLabel() + "** (this order): the dose **" + number(dose.getDoseValue()) + unit
                + "** could not be converted to milligrams of " + dose.getIngredientName()
                + ", so it was **not checked** against the labelled maximum. Check the dose by other means.";
        byKey.put(key, new Finding(ruleId, "dose", null, "info", null, summary, detail, dose.getOrderRef(), List.of(),
                List.of(dose.getIngredientName()), List.of(dose.getRxcui()), null, false, List.of()));
    }

    /** The largest dose in the prescriber's own unit that respects both limits, or null if none is sensible. */
    private static SuggestedChange adjustedDose(DoseFact dose, DoseLimit limit) {
        if (dose.getMgPerDose() == null || dose.getDoseValue() <= 0) {
            return null;
        }
        double allowedMg = Double.MAX_VALUE;
        if (limit.maxSingleMg() != null) {
            allowedMg = limit.maxSingleMg();
        }
        if (limit.maxDailyMg() != null && dose.getDosesPerDay() != null && dose.getDosesPerDay() > 0) {
            allowedMg = Math.min(allowedMg, limit.maxDailyMg() / dose.getDosesPerDay());
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

    /**
     * Something could not be identified and so was not screened. A draft order or drug allergy gets its own card;
     * unidentified current medications are listed together on one card, so that a sparse knowledge base does not
     * bury the real alerts.
     */
    public void unscreened(String ruleId, UnscreenedFact fact, String affectedOrderRef) {
        if (fact.getKind().equals("active-medication")) {
            if (unscreenedActive.stream().noneMatch(u -> u.getReference().equals(fact.getReference()))) {
                unscreenedActive.add(fact);
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
        List<String> labels = unscreenedActive.stream().map(UnscreenedFact::getLabel).toList();
        String summary = labels.size() == 1
                ? "Not screened against a current medication that could not be identified: " + labels.get(0)
                : "Not screened against " + labels.size() + " current medications that could not be identified";
        StringBuilder detail = new StringBuilder("These current medications are not in this service's knowledge base, "
                + "so the orders being written were **not checked** for interactions with them:\n\n");
        labels.forEach(l -> detail.append("- ").append(l).append('\n'));
        detail.append("\nCheck them by other means; the pharmacy can add them to the knowledge base.");
        return new Finding(unscreenedActiveRule, "unscreened", null, "info", null, summary, detail.toString(),
                unscreenedActiveOrder, unscreenedActive.stream().map(UnscreenedFact::getReference).toList(), List.of(),
                List.of(), null, false, List.of());
    }

    private static String describeBand(DoseLimit limit) {
        String route = limit.route() == null ? "any route" : limit.route() + " route";
        if (limit.minAgeYears() == null && limit.maxAgeYears() == null) {
            return route + ", all ages";
        }
        if (limit.maxAgeYears() == null) {
            return route + ", age " + number(limit.minAgeYears()) + " years and over";
        }
        if (limit.minAgeYears() == null) {
            return route + ", age up to " + number(limit.maxAgeYears()) + " years";
        }
        return route + ", age " + number(limit.minAgeYears()) + " to " + number(limit.maxAgeYears()) + " years";
    }

    private static String table(String[][] rows) {
        StringBuilder sb = new StringBuilder("| | |\n|---|---|\n");
        for (String[] row : rows) {
            if (row[1] != null && !row[1].isBlank()) {
                sb.append("| ").append(row[0]).append(" | ").append(row[1].replace("|", "\\|")).append(" |\n");
            }
        }
        return sb.toString();
    }

    static String number(Double value) {
        if (value == null) {
            return "?";
        }
        if (value == Math.rint(value)) {
            return String.valueOf(value.longValue());
        }
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "");
    }

    private static String pairKey(String a, String b) {
        return a.compareTo(b) < 0 ? a + '|' + b : b + '|' + a;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String lowerFirst(String s) {
        return s == null || s.isEmpty() ? "" : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
