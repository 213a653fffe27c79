package org.medsafety.engine.facts;

/**
 * One identified allergen of a recorded allergy: an ingredient ({@code rxcui} &gt; 0) or a whole class
 * ({@code classId} set, e.g. an allergy recorded as "Penicillins").
 */
public final class AllergyFact {

    private final String allergyRef;
    private final String label;
    private final int rxcui;
    private final String classId;
    private final String criticality;

    public AllergyFact(String allergyRef, String label, int rxcui, String classId, String criticality) {
        this.allergyRef = allergyRef;
        this.label = label;
        this.rxcui = rxcui;
        this.classId = classId;
        this.criticality = criticality;
    }

    public String getAllergyRef() {
        return allergyRef;
    }

    public String getLabel() {
        return label;
    }

    public int getRxcui() {
        return rxcui;
    }

    public String getClassId() {
        return classId;
    }

    public String getCriticality() {
        return criticality;
    }
}
