package org.medsafety.engine.facts;

/**
 * The dose one draft order gives of one ingredient. {@code mgPerDose} and {@code mgPerDay} are null when they
 * cannot be worked out (no structured dose, unknown unit, unknown frequency); {@code problem} says why when the order
 * gives a dose or schedule that is there but not usable (not finite, not positive, more than once a minute).
 */
public final class DoseFact {

    private final String orderRef;
    private final String label;
    private final int ingredient;
    private final String ingredientName;
    private final String route;
    private final Double mgPerDose;
    private final Double dosesPerDay;
    private final Double mgPerDay;
    private final Double mgPerWeek;
    private final boolean weekly;
    private final boolean selected;
    private final double doseValue;
    private final String doseUnit;
    private final boolean countedUnits;
    private final String problem;

    /**
     * @param doseValue    the dose as ordered (e.g. 2), kept so a suggestion can keep the prescriber's unit
     * @param doseUnit     its unit as ordered (e.g. "tablet", "mg", or null)
     * @param countedUnits the unit counts tablets, capsules, … (a suggestion then proposes whole units)
     * @param problem      why the dose or schedule as ordered cannot be used, or null
     */
    public DoseFact(String orderRef, String label, int ingredient, String ingredientName, String route, Double mgPerDose,
                    Double dosesPerDay, boolean weekly, boolean selected, double doseValue, String doseUnit,
                    boolean countedUnits, String problem) {
        this.orderRef = orderRef;
        this.label = label;
        this.ingredient = ingredient;
        this.ingredientName = ingredientName;
        this.route = route;
        this.mgPerDose = finite(round(mgPerDose));
        this.dosesPerDay = dosesPerDay;
        this.mgPerDay = this.mgPerDose == null || dosesPerDay == null ? null : finite(round(mgPerDose * dosesPerDay));
        this.mgPerWeek = this.mgPerDay == null ? null : finite(round(mgPerDose * dosesPerDay * 7.0));
        this.weekly = weekly;
        this.selected = selected;
        this.doseValue = doseValue;
        this.doseUnit = doseUnit;
        this.countedUnits = countedUnits;
        this.problem = problem != null ? problem : mgPerDose != null && this.mgPerDose == null
                ? "the ordered dose is too large to be worked out in mg" : null;
    }

    /**
     * To a microgram, so that 4 × 100 mg compares equal to a 400 mg limit despite floating point. Beyond a tonne the
     * microgram is meaningless, and rounding through a long would overflow into a false figure.
     */
    private static Double round(Double mg) {
        if (mg == null || Math.abs(mg) >= 1e12) {
            return mg;
        }
        return Math.round(mg * 1000.0) / 1000.0;
    }

    private static Double finite(Double mg) {
        return mg == null || Double.isFinite(mg) ? mg : null;
    }

    /** Why the dose or schedule as ordered cannot be checked, or null. */
    public String getProblem() {
        return problem;
    }

    public double getDoseValue() {
        return doseValue;
    }

    public String getDoseUnit() {
        return doseUnit;
    }

    public boolean isCountedUnits() {
        return countedUnits;
    }

    public String getOrderRef() {
        return orderRef;
    }

    public String getLabel() {
        return label;
    }

    /** The ingredient's id: its RxCUI, or a negative id for an ingredient known only by name (0: none). */
    public int getIngredient() {
        return ingredient;
    }

    public String getIngredientName() {
        return ingredientName;
    }

    public String getRoute() {
        return route;
    }

    public Double getMgPerDose() {
        return mgPerDose;
    }

    public Double getDosesPerDay() {
        return dosesPerDay;
    }

    public Double getMgPerDay() {
        return mgPerDay;
    }

    public Double getMgPerWeek() {
        return mgPerWeek;
    }

    public boolean isWeekly() {
        return weekly;
    }

    public boolean isSelected() {
        return selected;
    }
}
