package org.medsafety.snapshot;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything the rules may know about one patient at one order-entry moment, in fixed units:
 * kilograms, centimetres, mg/dL, mL/min (CrCl) and mL/min/1.73 m² (eGFR). A missing value is null, never a guess.
 *
 * @param crclMlMin Cockcroft–Gault creatinine clearance from actual body weight (Nephron 1976;16:31-41),
 *                  only when age, weight, sex and serum creatinine are all known
 * @param unusableMeasurements measurements the record holds that are not used (not finite, unconvertible, or
 *                  implausible), so that cards can say so; the matching value above is then null. Empty in records
 *                  written before it existed.
 * @param gestationalWeeks gestational age in weeks at the evaluation date, only for a pregnant patient whose record
 *                  gives one that can be used (see {@link PregnancyReader}); null otherwise, and in records written
 *                  before it existed
 */
public record PatientSnapshot(
        String patientId,
        LocalDate birthDate,
        Double ageYears,
        String sex,
        Double weightKg,
        Double heightCm,
        Double serumCreatinineMgDl,
        Double egfr,
        Double crclMlMin,
        boolean pregnant,
        List<ConditionEntry> conditions,
        List<AllergyEntry> allergies,
        List<ActiveMedication> activeMedications,
        List<DraftOrder> draftOrders,
        List<UnusableMeasurement> unusableMeasurements,
        Double gestationalWeeks) {

    /** A snapshot without a gestational age. */
    public PatientSnapshot(String patientId, LocalDate birthDate, Double ageYears, String sex, Double weightKg,
                           Double heightCm, Double serumCreatinineMgDl, Double egfr, Double crclMlMin, boolean pregnant,
                           List<ConditionEntry> conditions, List<AllergyEntry> allergies,
                           List<ActiveMedication> activeMedications, List<DraftOrder> draftOrders,
                           List<UnusableMeasurement> unusableMeasurements) {
        this(patientId, birthDate, ageYears, sex, weightKg, heightCm, serumCreatinineMgDl, egfr, crclMlMin, pregnant,
                conditions, allergies, activeMedications, draftOrders, unusableMeasurements, null);
    }

    public PatientSnapshot {
        unusableMeasurements = unusableMeasurements == null ? List.of() : List.copyOf(unusableMeasurements);
        conditions = List.copyOf(conditions);
        allergies = List.copyOf(allergies);
        activeMedications = List.copyOf(activeMedications);
        draftOrders = List.copyOf(draftOrders);
    }
}
