package org.medsafety.engine.facts;

/**
 * One identified allergen of a recorded allergy: an ingredient ({@code ingredient} ≠ 0) or a whole class
 * ({@code classId} set, e.g. an allergy recorded as "Penicillins").
 */
public final class AllergyFact {

    private final String allergyRef;
    private final String label;
    private final int ingredient;
    private final String classId;
    private final String criticality;

    public AllergyFact(String allergyRef, String label, int ingredient, String classId, String criticality) {
        this.allergyRef = allergyRef;
        this.label = label;
        this.ingredient = ingredient;
        this.classId = classId;
        this.criticality = criticality;
    }

    public String getAllergyRef() {
        return allergyRef;
    }

    public String getLabel() {
        return label;
    }

    /** The ingredient's id: its RxCUI, or a negative id for an ingredient known only by name (0: none). */
    public int getIngredient() {
        return ingredient;
    }

    public String getClassId() {
        return classId;
    }

    public String getCriticality() {
        return criticality;
    }
}
