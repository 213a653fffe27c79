package org.medsafety.engine.facts;

/**
 * The dose one draft order gives of one ingredient. {@code mgPerDose} and {@code mgPerDay} are null when they
 * cannot be worked out (no structured dose, unknown unit, unknown frequency).
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

    /**
     * @param doseValue    the dose as ordered (e.g. 2), kept so a suggestion can keep the prescriber's unit
     * @param doseUnit     its unit as ordered (e.g. "tablet", "mg", or null)
     * @param countedUnits the unit counts tablets, capsules, … (a suggestion then proposes whole units)
     */
    public DoseFact(String orderRef, String label, int ingredient, String ingredientName, String route, Double mgPerDose,
                    Double dosesPerDay, boolean weekly, boolean selected, double doseValue, String doseUnit,
                    boolean countedUnits) {
        this.orderRef = orderRef;
        this.label = label;
        this.ingredient = ingredient;
        this.ingredientName = ingredientName;
        this.route = route;
        this.mgPerDose = round(mgPerDose);
        this.dosesPerDay = dosesPerDay;
        this.mgPerDay = mgPerDose == null || dosesPerDay == null ? null : round(mgPerDose * dosesPerDay);
        this.mgPerWeek = mgPerDay == null ? null : round(mgPerDose * dosesPerDay * 7.0);
        this.weekly = weekly;
        this.selected = selected;
        this.doseValue = doseValue;
        this.doseUnit = doseUnit;
        this.countedUnits = countedUnits;
    }

    /** To a microgram, so that 4 × 100 mg compares equal to a 400 mg limit despite floating point. */
    private static Double round(Double mg) {
        return mg == null ? null : Math.round(mg * 1000.0) / 1000.0;
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
