package org.medsafety.engine.facts;

/** The patient's measurements as rules read them; null means unknown. */
public final class PatientFact {

    private final Double ageYears;
    private final String sex;
    private final Double weightKg;
    private final Double egfr;
    private final Double crclMlMin;
    private final boolean pregnant;

    public PatientFact(Double ageYears, String sex, Double weightKg, Double egfr, Double crclMlMin, boolean pregnant) {
        this.ageYears = ageYears;
        this.sex = sex;
        this.weightKg = weightKg;
        this.egfr = egfr;
        this.crclMlMin = crclMlMin;
        this.pregnant = pregnant;
    }

    public Double getAgeYears() {
        return ageYears;
    }

    public String getSex() {
        return sex;
    }

    public Double getWeightKg() {
        return weightKg;
    }

    public Double getEgfr() {
        return egfr;
    }

    public Double getCrclMlMin() {
        return crclMlMin;
    }

    public boolean isPregnant() {
        return pregnant;
    }
}
