package org.medsafety.engine.facts;

/**
 * One identified ingredient of one medication: of a draft order (being written now) or of an active medication.
 * A combination product gives one fact per ingredient, all with the same {@code orderRef}.
 */
public final class MedicationFact {

    private final String orderRef;
    private final String label;
    private final int ingredient;
    private final String ingredientName;
    private final boolean draft;
    private final boolean selected;
    private final Double mgPerDay;
    private final boolean continuing;
    private final String replacesRef;
    private final boolean renewsIngredient;
    private final String route;

    /**
     * @param mgPerDay   daily dose of this ingredient, when the order says enough to work it out; else null
     * @param continuing a draft order for an ingredient the patient is already on (a renewal or dose change)
     */
    public MedicationFact(String orderRef, String label, int ingredient, String ingredientName, boolean draft,
                          boolean selected, Double mgPerDay, boolean continuing) {
        this(orderRef, label, ingredient, ingredientName, draft, selected, mgPerDay, continuing, null, false, null);
    }

    /**
     * @param replacesRef      the current medication this draft order renews or replaces (its priorPrescription), or
     *                         null
     * @param renewsIngredient that current medication contains this ingredient: the order continues it
     * @param route            the order's route keyword (as dose and renal rows name routes), or null when unknown
     */
    public MedicationFact(String orderRef, String label, int ingredient, String ingredientName, boolean draft,
                          boolean selected, Double mgPerDay, boolean continuing, String replacesRef,
                          boolean renewsIngredient, String route) {
        this.replacesRef = replacesRef;
        this.renewsIngredient = renewsIngredient;
        this.route = route;
        this.orderRef = orderRef;
        this.label = label;
        this.ingredient = ingredient;
        this.ingredientName = ingredientName;
        this.draft = draft;
        this.selected = selected;
        this.mgPerDay = mgPerDay;
        this.continuing = continuing;
    }

    public Double getMgPerDay() {
        return mgPerDay;
    }

    public boolean isContinuing() {
        return continuing;
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

    public boolean isDraft() {
        return draft;
    }

    /** order-select: the clinician just selected it; order-sign: every draft order is. Active medications never are. */
    public boolean isSelected() {
        return selected;
    }

    /** The current medication this draft order renews or replaces (MedicationRequest.priorPrescription), or null. */
    public String getReplacesRef() {
        return replacesRef;
    }

    /**
     * True when pairing this draft order with {@code other} repeats a pairing the patient already had: this order
     * renews or replaces a current medication, and {@code other} is a current medication that is either that one
     * (it stops when this starts) or one the renewed ingredient was already taken with. Current medications were
     * screened together when they were ordered, so a renewal is not a new duplicate of them.
     */
    public boolean renewsAlongside(MedicationFact other) {
        return replacesRef != null && draft && !other.draft
                && (replacesRef.equals(other.orderRef) || renewsIngredient);
    }

    /** The route of a draft order (from the order, else from the product's dose form); null when unknown. */
    public String getRoute() {
        return route;
    }
}
