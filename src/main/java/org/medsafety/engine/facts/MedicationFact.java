package org.medsafety.engine.facts;

/**
 * One identified ingredient of one medication: of a draft order (being written now) or of an active medication.
 * A combination product gives one fact per ingredient, all with the same {@code orderRef}.
 */
public final class MedicationFact {

    private final String orderRef;
    private final String label;
    private final int rxcui;
    private final String ingredientName;
    private final boolean draft;
    private final boolean selected;

    public MedicationFact(String orderRef, String label, int rxcui, String ingredientName, boolean draft,
                          boolean selected) {
        this.orderRef = orderRef;
        this.label = label;
        this.rxcui = rxcui;
        this.ingredientName = ingredientName;
        this.draft = draft;
        this.selected = selected;
    }

    public String getOrderRef() {
        return orderRef;
    }

    public String getLabel() {
        return label;
    }

    public int getRxcui() {
        return rxcui;
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
}
